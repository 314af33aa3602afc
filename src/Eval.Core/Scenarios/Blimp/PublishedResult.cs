namespace Eval.Core.Scenarios.Blimp;

/// <summary>A published model's (or people's) scores, by leaderboard column id, with where they come from.</summary>
public sealed record PublishedResult(string Name, string Citation, IReadOnlyDictionary<string, double> Values);
