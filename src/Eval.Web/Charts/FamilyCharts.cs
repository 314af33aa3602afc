using System.Globalization;
using Eval.Data.Families;
using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Eval.Web.Charts;

/// <summary>
/// Learning curves for Plotly: per curve a line through the checkpoints (x = position, drawn on a log axis) and its 95%
/// interval as a filled band behind it. Built here so tests can check what Plotly is given.
/// </summary>
public static class FamilyCharts
{
    private static readonly string[] Palette = ["#1f5fbf", "#c0392b", "#27ae60", "#8e44ad", "#d68910", "#16a085", "#7f8c8d", "#2c3e50", "#e67e22", "#5d6d7e", "#a93226", "#1e8449", "#6c3483"];

    /// <summary>Each curve as a band (interval) then a line (value), colours in order; the band has no legend entry.</summary>
    public static IList<ITrace> Curves(IEnumerable<(string Name, LearningCurve Curve)> curves)
    {
        var traces = new List<ITrace>();
        var i = 0;
        foreach (var (name, curve) in curves)
        {
            var color = Palette[i++ % Palette.Length];
            var points = curve.Points;
            if (points.Count == 0)
                continue;
            traces.Add(new Scatter
            {
                Name = name + " 95% interval",
                X = points.Select(p => (object)p.Position).Concat(points.Reverse().Select(p => (object)p.Position)).ToList(),
                Y = points.Select(p => (object)p.CiHigh).Concat(points.Reverse().Select(p => (object)p.CiLow)).ToList(),
                Fill = FillEnum.ToSelf,
                FillColor = Translucent(color),
                Line = new Line { Width = 0, Color = color },
                Mode = ModeFlag.Lines,
                HoverInfo = HoverInfoFlag.Skip,
                ShowLegend = false,
                LegendGroup = name,
            });
            traces.Add(new Scatter
            {
                Name = name,
                X = points.Select(p => (object)p.Position).ToList(),
                Y = points.Select(p => (object)p.Value).ToList(),
                Mode = ModeFlag.Lines | ModeFlag.Markers,
                Line = new Line { Color = color, Width = 2 },
                Marker = new Marker { Color = color, Size = 8 },
                TextArray = points.Select(p => $"{p.Model}: {p.Value.ToString("0.000", CultureInfo.InvariantCulture)} " +
                    $"({p.CiLow.ToString("0.000", CultureInfo.InvariantCulture)}–{p.CiHigh.ToString("0.000", CultureInfo.InvariantCulture)})").ToList(),
                HoverInfo = HoverInfoFlag.Text | HoverInfoFlag.Name,
                LegendGroup = name,
            });
        }
        return traces;
    }

    public static IList<ITrace> Curve(LearningCurve curve) => Curves([(curve.Label, curve)]);

    /// <summary>Whether every value and bound is a fraction (then the y axis is fixed to 0..1).</summary>
    public static bool AllFractions(IEnumerable<LearningCurve> curves) =>
        curves.SelectMany(c => c.Points).All(p => p.CiLow >= 0 && p.CiHigh <= 1);

    private static string Translucent(string hex) =>
        $"rgba({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},{Convert.ToInt32(hex[5..7], 16)},0.18)";
}
