using System.Globalization;
using Eval.Data.Queries;

namespace Eval.Web.Api;

/// <summary>
/// What the leaderboard page shows of a group's table, as the download's query string: the filters (name, architecture,
/// tokenizer, min_params/max_params in millions, checkpoints = all|latest) and the order (sort = a column id or "model",
/// order = asc|desc) and the columns (metrics = all|main: every metric, the API's default, or each scenario's main
/// metric, the page's default view).
/// </summary>
public sealed record LeaderboardView(LeaderboardFilter Filter, LeaderboardSort? Sort, LeaderboardMetrics Metrics = LeaderboardMetrics.All)
{
    public static readonly IReadOnlyList<string> Parameters = ["format", "name", "architecture", "tokenizer", "min_params", "max_params", "sort", "order", "checkpoints", "metrics"];

    /// <summary>The columns and rows shown: filtered, then in the view's order (by model name, as stored, when none is given).</summary>
    public LeaderboardTable Apply(LeaderboardTable table)
    {
        var filtered = Filter.Apply(table.Showing(Metrics));
        return Sort is null ? filtered : filtered with { Rows = Sort.Apply(filtered) };
    }

    /// <summary>The query string (with its leading '?', or empty) that <see cref="TryParse"/> reads back.</summary>
    public string ToQueryString(string? format = null)
    {
        var pairs = new List<(string, string?)>
        {
            ("format", format),
            ("name", string.IsNullOrWhiteSpace(Filter.Name) ? null : Filter.Name.Trim()),
            ("architecture", NullIfEmpty(Filter.Architecture)),
            ("tokenizer", NullIfEmpty(Filter.TokenizerKind)),
            ("min_params", Filter.MinParametersMillions?.ToString("R", CultureInfo.InvariantCulture)),
            ("max_params", Filter.MaxParametersMillions?.ToString("R", CultureInfo.InvariantCulture)),
            ("sort", Sort?.Column),
            ("order", Sort is null ? null : Sort.Descending ? "desc" : "asc"),
            ("checkpoints", Filter.LatestCheckpoints ? "latest" : null),
            ("metrics", Metrics == LeaderboardMetrics.Main ? "main" : null),
        };
        var text = string.Join('&', pairs.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        return text.Length == 0 ? "" : "?" + text;
    }

    /// <summary>Reads the view from a request; <paramref name="error"/> says which parameter is wrong and why.</summary>
    public static bool TryParse(IQueryCollection query, LeaderboardTable table, out LeaderboardView view, out string? error)
    {
        view = new LeaderboardView(new LeaderboardFilter(), null);
        error = null;
        if (query.Keys.FirstOrDefault(k => !Parameters.Contains(k)) is { } unknown)
            return Fail($"unknown parameter '{unknown}' (known: {string.Join(", ", Parameters)})", out error);
        if (query.Keys.FirstOrDefault(k => query[k].Count > 1) is { } repeated)
            return Fail($"parameter '{repeated}' given more than once", out error);
        var format = (string?)query["format"];
        if (format is not null && format.ToLowerInvariant() is not ("csv" or "json"))
            return Fail($"format must be csv or json, not '{format}'", out error);

        var architecture = NullIfEmpty(query["architecture"]);
        if (architecture is not null && !table.Rows.Any(r => r.Architecture == architecture))
            return Fail($"no model has architecture '{architecture}' (known: {Known(table.Rows.Select(r => r.Architecture))})", out error);
        var tokenizer = NullIfEmpty(query["tokenizer"]);
        if (tokenizer is not null && !table.Rows.Any(r => r.TokenizerKind == tokenizer))
            return Fail($"no model has tokenizer '{tokenizer}' (known: {Known(table.Rows.Select(r => r.TokenizerKind).OfType<string>())})", out error);
        if (!TryMillions(query, "min_params", out var min, out error) || !TryMillions(query, "max_params", out var max, out error))
            return false;
        if (min > max)
            return Fail($"min_params ({min}) is above max_params ({max})", out error);

        var metricsText = NullIfEmpty(query["metrics"]);
        if (metricsText is not null && metricsText is not ("all" or "main"))
            return Fail($"metrics must be all or main, not '{metricsText}'", out error);
        var metrics = metricsText == "main" ? LeaderboardMetrics.Main : LeaderboardMetrics.All;
        var shown = table.Showing(metrics);

        LeaderboardSort? sort = null;
        var column = NullIfEmpty(query["sort"]);
        var order = NullIfEmpty(query["order"]);
        if (order is not null && order is not ("asc" or "desc"))
            return Fail($"order must be asc or desc, not '{order}'", out error);
        if (column is not null)
        {
            if (column != LeaderboardSort.ModelColumn && !shown.Columns.Any(c => c.Id == column))
                return Fail($"no column '{column}' to sort by (known: model, {string.Join(", ", shown.Columns.Select(c => c.Id))})", out error);
            sort = new LeaderboardSort(column, order is null ? column != LeaderboardSort.ModelColumn : order == "desc");
        }
        else if (order is not null)
            return Fail("order needs sort (the column to order by)", out error);

        var checkpoints = NullIfEmpty(query["checkpoints"]);
        if (checkpoints is not null && checkpoints is not ("all" or "latest"))
            return Fail($"checkpoints must be all or latest, not '{checkpoints}'", out error);

        view = new LeaderboardView(new LeaderboardFilter(NullIfEmpty(query["name"]), architecture, tokenizer, min, max, checkpoints == "latest"), sort, metrics);
        return true;
    }

    private static bool TryMillions(IQueryCollection query, string name, out double? value, out string? error)
    {
        value = null;
        error = null;
        if (NullIfEmpty(query[name]) is not { } text)
            return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) || !double.IsFinite(parsed))
            return Fail($"{name} must be a number of millions of parameters, not '{text}'", out error);
        if (parsed < 0)
            return Fail($"{name} must not be negative ({text})", out error);
        value = parsed;
        return true;
    }

    private static bool Fail(string message, out string? error)
    {
        error = message;
        return false;
    }

    private static string Known(IEnumerable<string> values) => string.Join(", ", values.Distinct().Order(StringComparer.Ordinal));

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
