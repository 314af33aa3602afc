namespace Eval.Data.Queries;

/// <summary>
/// The leaderboard's order: one column (or the model name), descending = better first. Rows without a value in the
/// column come last, ties by model name. Shared by the grid and the downloads so a file lists what the page shows.
/// </summary>
public sealed record LeaderboardSort(string Column, bool Descending)
{
    public const string ModelColumn = "model";

    /// <summary>The first column, better first (the model name when there are no columns).</summary>
    public static LeaderboardSort Default(LeaderboardTable table) =>
        table.Columns.Count == 0 ? new(ModelColumn, false) : new(table.Columns[0].Id, true);

    /// <summary>Clicking a column: the same one reverses; a new one starts better first (names A to Z).</summary>
    public LeaderboardSort Toggle(string column) =>
        column == Column ? this with { Descending = !Descending } : new(column, column != ModelColumn);

    public IReadOnlyList<LeaderboardRow> Apply(LeaderboardTable table)
    {
        if (Column == ModelColumn || table.Columns.FirstOrDefault(c => c.Id == Column) is not { } column)
            return (Descending ? table.Rows.OrderByDescending(r => r.Model, StringComparer.Ordinal) : table.Rows.OrderBy(r => r.Model, StringComparer.Ordinal)).ToList();
        var better = Descending != column.LowerIsBetter;
        return table.Rows
            .OrderBy(r => r.Values.ContainsKey(column.Id) ? 0 : 1)
            .ThenBy(r => r.Values.TryGetValue(column.Id, out var c) ? (better ? -column.RankValue(c.Value) : column.RankValue(c.Value)) : 0)
            .ThenBy(r => r.Model, StringComparer.Ordinal)
            .ToList();
    }
}
