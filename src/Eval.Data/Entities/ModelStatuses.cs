namespace Eval.Data.Entities;

/// <summary>
/// An accepted model's status from its runs: running while any run runs, queued while runs wait and none runs,
/// else failed if any failed, cancelled if any was cancelled, otherwise finished (also when it has no runs:
/// nothing is pending, so the model is ready).
/// </summary>
public static class ModelStatuses
{
    public static string FromRuns(IReadOnlyCollection<string> runStatuses)
    {
        if (runStatuses.Contains(RunStatus.Running))
            return ModelStatus.Running;
        if (runStatuses.Contains(RunStatus.Queued))
            return ModelStatus.Queued;
        if (runStatuses.Contains(RunStatus.Failed))
            return ModelStatus.Failed;
        if (runStatuses.Contains(RunStatus.Cancelled))
            return ModelStatus.Cancelled;
        return ModelStatus.Finished;
    }

    /// <summary>Queued or running: work is pending, so it can be cancelled.</summary>
    public static bool IsActive(string status) =>
        status is ModelStatus.Queued or ModelStatus.Validating or ModelStatus.Running;
}
