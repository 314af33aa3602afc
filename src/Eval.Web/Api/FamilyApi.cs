using System.Globalization;
using System.Text;
using Eval.Data.Families;

namespace Eval.Web.Api;

/// <summary>
/// GET /api/families (every family with its latest checkpoint) and GET /api/families/{name} (the learning curves as
/// JSON, or one row per point with ?format=csv).
/// </summary>
public static class FamilyApi
{
    public static void MapFamilyApi(this IEndpointRouteBuilder app)
    {
        var families = app.MapGroup("/api/families").WithTags("Families");
        families.MapGet("", async (FamilyQuery query, CancellationToken ct) => Results.Json((await query.ListAsync(ct)).Select(f => new
        {
            family = f.Family, unit = f.Unit, checkpoints = f.Checkpoints,
            latest = new { model = f.Latest.Model, model_id = f.Latest.ModelId, position = f.Latest.Position },
        }))).WithSummary("Every model family (checkpoints of one training run)");

        families.MapGet("/{name}", async (string name, HttpRequest request, FamilyQuery query, CancellationToken ct) =>
        {
            var format = (string?)request.Query["format"];
            if (format is not null && format.ToLowerInvariant() is not ("csv" or "json"))
                return ApiProblems.Problem(400, "Invalid format", $"format must be csv or json, not '{format}'", Eval.Inference.Onnx.Validation.ValidationCodes.FieldInvalid);
            if (await query.GetAsync(name, ct) is not { } family)
                return ApiProblems.NotFound($"no family '{name}'");
            return string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
                ? Results.File(Encoding.UTF8.GetBytes(ToCsv(family)), "text/csv; charset=utf-8", $"family_{family.Family}.csv")
                : Results.Json(ToJson(family));
        }).WithSummary("A family's learning curves: per leaderboard column, each checkpoint's value with its 95% interval");
    }

    public static object ToJson(FamilyCurves family) => new
    {
        family = family.Family,
        unit = family.Unit,
        checkpoints = family.Checkpoints.Select(c => new { model = c.Model, model_id = c.ModelId, position = c.Position, status = c.Status }),
        curves = family.Curves.Select(c => new
        {
            group = c.Group, column = c.ColumnId, label = c.Label, metric = c.Metric,
            points = c.Points.Select(p => new
            {
                model = p.Model, model_id = p.ModelId, position = p.Position, value = p.Value, ci_low = p.CiLow, ci_high = p.CiHigh,
                run_id = p.RunId, sample = p.Sample, count = p.Count,
            }),
        }),
    };

    public static string ToCsv(FamilyCurves family)
    {
        var csv = new StringBuilder();
        csv.AppendLine("family,unit,position,model,model_id,group,column,metric,value,ci_low,ci_high,run_id,sample,count");
        foreach (var curve in family.Curves)
            foreach (var p in curve.Points)
                csv.AppendLine(string.Join(',', family.Family, family.Unit, I(p.Position), Quote(p.Model), I(p.ModelId), curve.Group, curve.ColumnId,
                    curve.Metric, F(p.Value), F(p.CiLow), F(p.CiHigh), p.RunId is { } r ? I(r) : "", p.Sample is { } s ? I(s) : "", I(p.Count)));
        return csv.ToString();
    }

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
