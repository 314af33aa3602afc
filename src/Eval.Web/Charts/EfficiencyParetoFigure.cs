using Eval.Data.Queries;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Eval.Web.Charts;

/// <summary>
/// The model page's efficiency-vs-accuracy plot: decode tokens/s (x) against BLiMP accuracy (y) for every model with
/// both, the Pareto front drawn through the models nothing beats on both, this model drawn apart. Only models
/// measured on the same hardware as this one are placed (speeds from other machines are not comparable); LeftOut
/// counts the others. Null when this model has no efficiency result.
/// </summary>
public sealed record EfficiencyParetoFigure(IList<ITrace> Traces, string Hardware, int Models, int LeftOut)
{
    public const string SpeedColumn = "efficiency.decode_tokens_per_s";
    public const string AccuracyColumn = "overall";

    /// <summary>The axes as the metric specs name them, with their units: "Decode throughput (tokens/s)".</summary>
    public static string XTitle => Core.Metrics.MetricFormat.Label(Core.Metrics.MetricSpecs.Get(Core.Efficiency.EfficiencyMetrics.DecodeTokensPerSecond));

    public static string YTitle => "BLiMP " + Core.Metrics.MetricFormat.Label(Core.Metrics.MetricSpecs.Get(Core.Metrics.KnownMetrics.Accuracy)) + " (fraction of pairs, 0-1)";

    public static EfficiencyParetoFigure? Build(LeaderboardTable efficiency, LeaderboardTable accuracy, long modelId)
    {
        if (efficiency.Rows.FirstOrDefault(r => r.ModelId == modelId)?.Values.GetValueOrDefault(SpeedColumn)?.Hardware is not { } hardware)
            return null;
        var both = efficiency.Rows
            .Select(r => (Row: r, Speed: r.Values.GetValueOrDefault(SpeedColumn),
                Accuracy: accuracy.Rows.FirstOrDefault(a => a.ModelId == r.ModelId)?.Values.GetValueOrDefault(AccuracyColumn)))
            .Where(p => p.Speed is not null && p.Accuracy is not null)
            .ToList();
        var placed = both.Where(p => p.Speed!.Hardware == hardware).OrderBy(p => p.Row.Model, StringComparer.Ordinal).ToList();
        var front = ParetoFront.Indices(placed.Select(p => (p.Speed!.Value, p.Accuracy!.Value)).ToList()).Select(i => placed[i]).ToList();

        Scatter Points(string name, IEnumerable<(LeaderboardRow Row, LeaderboardCell? Speed, LeaderboardCell? Accuracy)> points, ModeFlag mode,
            string color, int size) => new()
        {
            Name = name,
            Mode = mode,
            X = points.Select(p => (object)p.Speed!.Value).ToList(),
            Y = points.Select(p => (object)p.Accuracy!.Value).ToList(),
            TextArray = points.Select(p => ChartText.Plain(p.Row.Model)).ToList(),
            TextPosition = TextPositionEnum.TopCenter,
            Marker = new Marker { Color = color, Size = size },
        };
        IList<ITrace> traces =
        [
            Points("other models", placed.Where(p => p.Row.ModelId != modelId), ModeFlag.Markers | ModeFlag.Text, "#8a97a8", 9),
            Points("Pareto front", front, ModeFlag.Lines, "#d08c2b", 1),
            Points("this model", placed.Where(p => p.Row.ModelId == modelId), ModeFlag.Markers | ModeFlag.Text, "#1f5fbf", 14),
        ];
        return new EfficiencyParetoFigure(traces, hardware, placed.Count, both.Count - placed.Count);
    }
}
