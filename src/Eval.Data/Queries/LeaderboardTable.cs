namespace Eval.Data.Queries;

public sealed record LeaderboardTable(string Group, IReadOnlyList<LeaderboardColumn> Columns, IReadOnlyList<LeaderboardRow> Rows)
{
    /// <summary>The hardware of the row's measured (efficiency) cells, or null when it has none.</summary>
    public string? HardwareOf(LeaderboardRow row) =>
        Columns.Where(c => c.Measured).Select(c => row.Values.TryGetValue(c.Id, out var v) ? v.Hardware : null).FirstOrDefault(h => h is not null);

    /// <summary>Each hardware that measured a row of this table, with its number of rows.</summary>
    public IReadOnlyList<(string Hardware, int Rows)> MeasuredHardware =>
        Rows.Select(HardwareOf).OfType<string>().GroupBy(h => h).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).ToList();

    /// <summary>The scenarios the table's columns come from.</summary>
    public int ScenarioCount => Columns.Where(c => !c.IsComputed).Select(c => c.ScenarioId).Distinct().Count();

    /// <summary>The table with the columns a view shows (LeaderboardMetrics); the rows and their values are unchanged.</summary>
    public LeaderboardTable Showing(LeaderboardMetrics metrics) =>
        metrics == LeaderboardMetrics.All || ScenarioCount < 2 ? this : this with { Columns = Columns.Where(c => c.IsComputed || c.IsMain).ToList() };
}
