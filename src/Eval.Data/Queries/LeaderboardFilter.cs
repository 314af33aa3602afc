namespace Eval.Data.Queries;

/// <summary>
/// The leaderboard's filters: model name contains, architecture, tokenizer kind, parameters in millions, and
/// LatestCheckpoints: of each family only its latest checkpoint (largest position), the page's default.
/// </summary>
public sealed record LeaderboardFilter(string? Name = null, string? Architecture = null, string? TokenizerKind = null,
    double? MinParametersMillions = null, double? MaxParametersMillions = null, bool LatestCheckpoints = false)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrEmpty(Architecture) && string.IsNullOrEmpty(TokenizerKind)
        && MinParametersMillions is null && MaxParametersMillions is null && !LatestCheckpoints;

    public LeaderboardTable Apply(LeaderboardTable table)
    {
        var latest = LatestCheckpoints ? LatestOfEachFamily(table.Rows) : null;
        return table with { Rows = table.Rows.Where(r => Matches(r) && (latest is null || r.Family is null || latest.Contains(r.ModelId))).ToList() };
    }

    /// <summary>The model id of each family's latest checkpoint (largest position, then newest id).</summary>
    public static IReadOnlySet<long> LatestOfEachFamily(IEnumerable<LeaderboardRow> rows) =>
        rows.Where(r => r.Family is not null).GroupBy(r => r.Family)
            .Select(g => g.OrderByDescending(r => r.Checkpoint).ThenByDescending(r => r.ModelId).First().ModelId).ToHashSet();

    public bool Matches(LeaderboardRow row)
    {
        if (!string.IsNullOrWhiteSpace(Name) && !row.Model.Contains(Name.Trim(), StringComparison.OrdinalIgnoreCase))
            return false;
        if (!string.IsNullOrEmpty(Architecture) && row.Architecture != Architecture)
            return false;
        if (!string.IsNullOrEmpty(TokenizerKind) && row.TokenizerKind != TokenizerKind)
            return false;
        // A model of unknown size passes no size bound.
        var millions = row.Parameters / 1e6;
        if (MinParametersMillions is { } min && !(millions >= min))
            return false;
        if (MaxParametersMillions is { } max && !(millions <= max))
            return false;
        return true;
    }
}
