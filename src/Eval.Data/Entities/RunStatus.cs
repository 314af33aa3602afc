namespace Eval.Data.Entities;

/// <summary>Run status strings, lower case as CONTRACTS.md gives them.</summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Finished = "finished";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";
}
