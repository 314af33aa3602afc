using System.Collections.Concurrent;

namespace Eval.Jobs;

/// <summary>
/// Runs this worker gave back because it cannot see their model files, so another worker can take them. Counted per
/// process: a worker that meets the same run again after <see cref="MaxPerRun"/> hand-offs fails it with the reason.
/// </summary>
public sealed class RunHandOffs
{
    public const int MaxPerRun = 3;
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<long, int> counts = new();

    /// <summary>True while this process may still hand the run off (and counts this one).</summary>
    public bool TryHandOff(long runId) => counts.AddOrUpdate(runId, 1, (_, n) => n + 1) <= MaxPerRun;
}
