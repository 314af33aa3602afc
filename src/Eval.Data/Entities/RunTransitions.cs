namespace Eval.Data.Entities;

/// <summary>
/// The run status transitions the platform allows, as one table (RunLifecycle applies them):
/// queued -> running -> finished | failed | cancelled; queued -> failed (it failed before starting) | cancelled;
/// failed | cancelled -> queued (retry); queued | running -> queued (handed back to the queue, or interrupted by a restart);
/// running -> running and failed -> running (a job resumed, or retried by Hangfire); failed -> failed (its retry failed).
/// A finished run never changes again: it is what the leaderboard shows.
/// </summary>
public static class RunTransitions
{
    private static readonly Dictionary<string, string[]> AllowedFrom = new(StringComparer.Ordinal)
    {
        [RunStatus.Queued] = [RunStatus.Queued, RunStatus.Failed, RunStatus.Cancelled, RunStatus.Running],
        [RunStatus.Running] = [RunStatus.Queued, RunStatus.Running, RunStatus.Failed],
        [RunStatus.Finished] = [RunStatus.Running],
        [RunStatus.Failed] = [RunStatus.Queued, RunStatus.Running, RunStatus.Failed],
        [RunStatus.Cancelled] = [RunStatus.Queued, RunStatus.Running],
    };

    /// <summary>The statuses a run may be in to move to <paramref name="to"/>.</summary>
    public static IReadOnlyList<string> From(string to) =>
        AllowedFrom.TryGetValue(to, out var from) ? from : throw new ArgumentException($"unknown run status '{to}'", nameof(to));

    public static bool Allows(string from, string to) => From(to).Contains(from, StringComparer.Ordinal);
}
