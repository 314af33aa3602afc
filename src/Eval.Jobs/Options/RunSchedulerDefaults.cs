namespace Eval.Jobs.Options;

/// <summary>The queue of a model not pinned to one, and of a worker that names none.</summary>
public static class RunSchedulerDefaults
{
    public const string Queue = "cpu";
}
