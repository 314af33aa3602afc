namespace Eval.Core.Efficiency;

/// <summary>
/// Percentiles by linear interpolation between order statistics (Hyndman and Fan's type 7, numpy's default): with
/// the n values sorted, the q-quantile sits at rank h = (n - 1) q, between the values at floor(h) and ceil(h).
/// The median of an even count is the mean of the middle two. NaN values are ignored; none left gives NaN.
/// </summary>
public static class Percentiles
{
    public static double Of(IEnumerable<double> values, double q)
    {
        if (q is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(q), q, "a quantile is in [0, 1]");
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (sorted.Length == 0)
            return double.NaN;
        var h = (sorted.Length - 1) * q;
        var low = (int)Math.Floor(h);
        var high = (int)Math.Ceiling(h);
        return sorted[low] + (h - low) * (sorted[high] - sorted[low]);
    }

    public static double Median(IEnumerable<double> values) => Of(values, 0.5);
}
