namespace Eval.Jobs.Timings;

/// <summary>A run's model opening: loaded from its files (Loaded) or reused warm, from when (Stopwatch timestamp) and for how long.</summary>
public sealed record ModelOpening(string Directory, bool Loaded, long StartedTimestamp, TimeSpan Elapsed);
