namespace Eval.Data.Queries;

/// <summary>A model's row; Values is empty for a model registered but not yet evaluated.</summary>
public sealed record LeaderboardRow(
    string Model,
    long ModelId,
    string Architecture,
    long? Parameters,
    string? TokenizerKind,
    IReadOnlyDictionary<string, LeaderboardCell> Values);
