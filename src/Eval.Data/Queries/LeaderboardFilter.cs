namespace Eval.Data.Queries;

/// <summary>The leaderboard's filters: model name contains, architecture, tokenizer kind, parameters in millions.</summary>
public sealed record LeaderboardFilter(string? Name = null, string? Architecture = null, string? TokenizerKind = null,
    double? MinParametersMillions = null, double? MaxParametersMillions = null)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrEmpty(Architecture) && string.IsNullOrEmpty(TokenizerKind)
        && MinParametersMillions is null && MaxParametersMillions is null;

    public LeaderboardTable Apply(LeaderboardTable table) => table with { Rows = table.Rows.Where(Matches).ToList() };

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
