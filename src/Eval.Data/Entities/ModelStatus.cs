namespace Eval.Data.Entities;

/// <summary>
/// Model status strings, lower case as CONTRACTS.md gives them. An upload waiting for or under validation is
/// queued / validating, then rejected (with a code) or accepted; an accepted model's status follows its runs
/// (see <see cref="ModelStatuses"/>); a reference model with nothing pending is finished.
/// </summary>
public static class ModelStatus
{
    public const string Queued = "queued";
    public const string Validating = "validating";
    public const string Running = "running";
    public const string Finished = "finished";
    public const string Failed = "failed";
    public const string Rejected = "rejected";
    public const string Cancelled = "cancelled";
}
