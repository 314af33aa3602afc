using System.Globalization;
using Eval.Core.Metrics;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Eval.Web.Charts;

/// <summary>The figure data of the run page's reliability diagram, built here so tests can check what Plotly is given.</summary>
public static class CalibrationCharts
{
    /// <summary>The diagonal (perfect calibration), then one point per bin: mean confidence against accuracy, its count on hover.</summary>
    public static IList<ITrace> Reliability(ReliabilityDiagram diagram) =>
    [
        new Scatter
        {
            Name = "perfectly calibrated",
            Mode = ModeFlag.Lines,
            X = [0.0, 1.0],
            Y = [0.0, 1.0],
            Line = new Line { Color = "#8a97a8", Dash = "dash" },
            HoverInfo = HoverInfoFlag.Skip,
        },
        new Scatter
        {
            Name = "bins",
            Mode = ModeFlag.Lines | ModeFlag.Markers,
            X = diagram.Bins.Select(b => (object)b.MeanConfidence).ToList(),
            Y = diagram.Bins.Select(b => (object)b.Accuracy).ToList(),
            HoverTextArray = diagram.Bins.Select(HoverText).ToList(),
            HoverInfo = HoverInfoFlag.Text,
            Marker = new Marker { Color = "#1f5fbf", Size = 10 },
            Line = new Line { Color = "#1f5fbf" },
        },
    ];

    public static string Title(ReliabilityDiagram diagram) =>
        $"Reliability ({diagram.Bins.Count} equal-mass bins) · ECE {diagram.Ece.ToString("0.000", CultureInfo.InvariantCulture)}";

    public static string HoverText(ReliabilityBin bin) => string.Create(CultureInfo.InvariantCulture,
        $"{bin.Count} instances<br>mean confidence {bin.MeanConfidence:0.000}<br>accuracy {bin.Accuracy:0.000}");
}
