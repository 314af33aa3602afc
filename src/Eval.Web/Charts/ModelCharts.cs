using Eval.Data.Queries;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Eval.Web.Charts;

/// <summary>The figure data of the model page's charts, built here so tests can check what Plotly is given.</summary>
public static class ModelCharts
{
    /// <summary>BLiMP accuracy per phenomenon, one bar each, with the 95% interval as error bars.</summary>
    public static IList<ITrace> PhenomenonBars(IEnumerable<Data.Entities.RunStatEntity> stats)
    {
        var groups = stats.Where(s => s.Level == Core.Stats.StatLevel.SubsetGroup).OrderBy(s => s.Key, StringComparer.Ordinal).ToList();
        return
        [
            new Bar
            {
                Name = Core.Metrics.MetricSpecs.DisplayName(Core.Metrics.KnownMetrics.Accuracy),
                X = groups.Select(s => (object)LeaderboardQuery.Label(s.Key)).ToList(),
                Y = groups.Select(s => (object)s.Mean).ToList(),
                ErrorY = new Plotly.Blazor.Traces.BarLib.ErrorY
                {
                    Type = Plotly.Blazor.Traces.BarLib.ErrorYLib.TypeEnum.Data,
                    Symmetric = false,
                    Array = groups.Select(s => (object)(s.CiHigh - s.Mean)).ToList(),
                    ArrayMinus = groups.Select(s => (object)(s.Mean - s.CiLow)).ToList(),
                },
            },
        ];
    }

    /// <summary>Overall accuracy against parameters for every model with both; this model drawn apart.</summary>
    public static IList<ITrace> AccuracyVsParameters(LeaderboardTable table, long highlightModelId, string column = "overall")
    {
        var points = table.Rows.Where(r => r.Parameters is not null && r.Values.ContainsKey(column)).ToList();
        // Only this model is labelled on the chart: the others' names overlapped and were clipped, so they show on hover.
        // The label leans inwards at either end of the axis, where a centred one was cut by the chart's edge.
        var smallest = points.Count > 0 ? points.Min(r => r.Parameters!.Value) : 0;
        var largest = points.Count > 0 ? points.Max(r => r.Parameters!.Value) : 0;
        var self = points.FirstOrDefault(r => r.ModelId == highlightModelId);
        var position = self is null || points.Count < 2 ? TextPositionEnum.TopCenter
            : self.Parameters == smallest ? TextPositionEnum.TopRight
            : self.Parameters == largest ? TextPositionEnum.TopLeft : TextPositionEnum.TopCenter;
        Scatter Trace(string name, IEnumerable<LeaderboardRow> rows, string color, int size, bool labelled) => new()
        {
            Name = name,
            Mode = labelled ? ModeFlag.Markers | ModeFlag.Text : ModeFlag.Markers,
            X = rows.Select(r => (object)r.Parameters!.Value).ToList(),
            Y = rows.Select(r => (object)r.Values[column].Value).ToList(),
            TextArray = rows.Select(r => ChartText.Plain(r.Model)).ToList(),
            TextPosition = position,
            HoverTemplate = "%{text}<br>%{x:.3s} parameters<br>accuracy %{y:.3f}<extra></extra>",
            Marker = new Marker { Color = color, Size = size },
        };
        return
        [
            Trace("other models", points.Where(r => r.ModelId != highlightModelId), "#8a97a8", 9, labelled: false),
            Trace("this model", points.Where(r => r.ModelId == highlightModelId), "#1f5fbf", 14, labelled: true),
        ];
    }
}
