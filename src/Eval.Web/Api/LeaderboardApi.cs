using System.Globalization;
using System.Text;
using Eval.Data.Queries;

namespace Eval.Web.Api;

/// <summary>
/// GET /api/leaderboard/{group}: the table as CONTRACTS.md's JSON, or CSV with ?format=csv; the page's filters and order
/// (<see cref="LeaderboardView"/>) narrow and order the rows, so a download equals what the page shows.
/// </summary>
public static class LeaderboardApi
{
    public static void MapLeaderboardApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/leaderboard/{group}", async (string group, HttpRequest request, LeaderboardQuery query, CancellationToken ct) =>
        {
            var whole = await query.GetAsync(group, ct);
            if (whole is null)
                return ApiProblems.NotFound($"no leaderboard group '{group}' (known: {string.Join(", ", query.Groups)})");
            if (!LeaderboardView.TryParse(request.Query, whole, out var view, out var error))
                return ApiProblems.Problem(400, "Invalid leaderboard filter", error!, Eval.Inference.Onnx.Validation.ValidationCodes.FieldInvalid);
            var table = view.Apply(whole);
            var format = (string?)request.Query["format"];
            if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
                return Results.File(Encoding.UTF8.GetBytes(ToCsv(table)), "text/csv; charset=utf-8", $"leaderboard_{group}.csv");
            return Results.Json(ToJson(table));
        });

    public static object ToJson(LeaderboardTable table) => new
    {
        group = table.Group,
        // What each column means, from its metric's spec (none for the computed mean win rate and mean score).
        columns = table.Columns.Select(c => new
        {
            id = c.Id, label = c.Label, metric = c.Metric, lower_is_better = c.LowerIsBetter, ideal = c.Ideal,
            display_name = c.Spec?.DisplayName, description = c.Spec?.Description, unit = c.Spec?.Unit,
            scale = c.Spec is { } spec ? System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(spec.Scale.ToString()) : null,
            averageable = c.Spec?.Averageable ?? false, main = c.IsMain,
        }),
        rows = table.Rows.Select(r => new
        {
            model = r.Model,
            model_id = r.ModelId,
            kind = r.Kind ?? "causal",
            not_applicable = table.Columns.Where(r.NotApplicable).Select(c => c.Id),
            // Only the columns shown (metrics=main leaves the other metrics out of the rows too).
            values = r.Values.Where(v => table.Columns.Any(c => c.Id == v.Key)).ToDictionary(v => v.Key, v => new
            {
                value = v.Value.Value, ci_low = v.Value.CiLow, ci_high = v.Value.CiHigh, run_id = v.Value.RunId, sample = v.Value.Sample,
                hardware = v.Value.Hardware, flag = v.Value.Flag,
                // Measured figures: the repetitions' spread (named by its quantiles) and the machine's load while measuring.
                spread = v.Value.Spread?.Quantiles, spread_low = v.Value.Spread?.Low, spread_high = v.Value.Spread?.High,
                load_average = v.Value.LoadAverage, logical_cpus = v.Value.LogicalCpus,
            }),
        }),
    };

    public static string ToCsv(LeaderboardTable table)
    {
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', new[] { "model", "model_id" }.Concat(table.Columns.SelectMany(c => new[] { c.Id, c.Id + "_ci_low", c.Id + "_ci_high", c.Id + "_sample" }))));
        foreach (var row in table.Rows)
        {
            var cells = new List<string> { Quote(row.Model), row.ModelId.ToString(CultureInfo.InvariantCulture) };
            foreach (var column in table.Columns)
            {
                if (row.Values.TryGetValue(column.Id, out var v))
                    cells.AddRange([F(v.Value), F(v.CiLow), F(v.CiHigh), v.Sample?.ToString(CultureInfo.InvariantCulture) ?? ""]);
                else
                    cells.AddRange(["", "", "", ""]);
            }
            csv.AppendLine(string.Join(',', cells));
        }
        return csv.ToString();
    }

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    // A model's name is the uploader's text: neutralised against formula injection; the JSON keeps it exact.
    private static string Quote(string value) => Data.Exports.CsvCell.Text(value);
}
