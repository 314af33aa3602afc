using System.Globalization;

namespace Eval.Core.Efficiency;

/// <summary>
/// How far a measured figure's repetitions spread: the quantiles 25 points either side of the figure's own, clipped
/// to [0, 1] (Quantiles names them: "p25-p75", the interquartile range, for a median; "p70-p100" for a 95th
/// percentile). A figure that is the largest of its repetitions (sizes, model memory) is one reading: no spread.
/// </summary>
public sealed record MeasuredSpread(double Low, double High, string Quantiles)
{
    public const double HalfWidth = 0.25;

    /// <summary>The spread of a figure (EfficiencyMetrics.Figures) over its repetitions' values; null for a largest-of figure or none measured.</summary>
    public static MeasuredSpread? Of(string figure, IEnumerable<double> repetitions)
    {
        if (!EfficiencyMetrics.Figures.TryGetValue(figure, out var f) || f.Quantile is not { } q)
            return null;
        var values = repetitions.Where(v => !double.IsNaN(v)).ToList();
        if (values.Count == 0)
            return null;
        var low = Math.Max(0, q - HalfWidth);
        var high = Math.Min(1, q + HalfWidth);
        return new MeasuredSpread(Percentiles.Of(values, low), Percentiles.Of(values, high), $"p{Points(low)}-p{Points(high)}");
    }

    private static string Points(double q) => Math.Round(q * 100).ToString(CultureInfo.InvariantCulture);
}
