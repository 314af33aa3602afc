using System.Collections.Concurrent;
using System.Diagnostics;

namespace Eval.Jobs.Timings;

/// <summary>
/// Where a worker's time goes, for the suite benchmark (bench/README.md, "The first-start suite"): each model opening
/// and each store of a run's results, with when it happened. Off unless a benchmark turns it on, so a long-lived
/// worker keeps nothing.
/// </summary>
public sealed class RunTimings
{
    private readonly ConcurrentQueue<ModelOpening> openings = new();
    private readonly ConcurrentQueue<ResultStoring> storings = new();

    public bool Enabled { get; set; }

    public IReadOnlyList<ModelOpening> Openings => openings.ToArray();

    public IReadOnlyList<ResultStoring> Storings => storings.ToArray();

    public void Opened(string directory, bool loaded, long startedTimestamp)
    {
        if (Enabled)
            openings.Enqueue(new ModelOpening(directory, loaded, startedTimestamp, Stopwatch.GetElapsedTime(startedTimestamp)));
    }

    public void Stored(long runId, long startedTimestamp)
    {
        if (Enabled)
            storings.Enqueue(new ResultStoring(runId, Stopwatch.GetElapsedTime(startedTimestamp)));
    }
}
