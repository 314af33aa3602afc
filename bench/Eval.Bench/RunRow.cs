namespace Eval.Bench;

/// <summary>What the suite benchmark reads of a run from the database.</summary>
public sealed record RunRow(long Id, string Model, string ModelDirectory, string ScenarioId, string Status, int Total, int CacheHits,
    int CacheMisses, string? Error);
