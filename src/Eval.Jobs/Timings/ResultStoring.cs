namespace Eval.Jobs.Timings;

/// <summary>One write of a run's results (a chunk of responses and instance stats, or the run's stats) and how long it took.</summary>
public sealed record ResultStoring(long RunId, TimeSpan Elapsed);
