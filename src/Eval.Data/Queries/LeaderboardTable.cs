namespace Eval.Data.Queries;

public sealed record LeaderboardTable(string Group, IReadOnlyList<LeaderboardColumn> Columns, IReadOnlyList<LeaderboardRow> Rows);
