namespace Eval.Data.Queries;

/// <summary>A leaderboard column: a metric of one scenario over the whole run (id "overall") or one subset group.</summary>
public sealed record LeaderboardColumn(string Id, string Label, string Metric, bool LowerIsBetter, string ScenarioId, string Level, string Key);
