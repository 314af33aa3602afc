using System.Globalization;

namespace Eval.Web.Charts;

/// <summary>
/// Ticks for a log axis at 1, 2 and 5 of each decade, labelled whole ("1M", "2M", "5M", "10M"): Plotly's own labels
/// read "4 5 6 7 8 9 1M 2 3", digits without their decade.
/// </summary>
public static class LogTicks
{
    public static (IList<object> Values, IList<object> Labels) For(IEnumerable<double> values)
    {
        var positive = values.Where(v => v > 0 && double.IsFinite(v)).ToList();
        if (positive.Count == 0)
            return ([], []);
        var low = (int)Math.Floor(Math.Log10(positive.Min()));
        var high = (int)Math.Ceiling(Math.Log10(positive.Max()));
        var ticks = new List<double>();
        for (var decade = low; decade <= high; decade++)
            foreach (var mantissa in new[] { 1, 2, 5 })
                ticks.Add(mantissa * Math.Pow(10, decade));
        return (ticks.Select(t => (object)t).ToList(), ticks.Select(t => (object)Label(t)).ToList());
    }

    public static string Label(double value)
    {
        var (scale, suffix) = value switch
        {
            >= 1e9 => (1e9, "B"),
            >= 1e6 => (1e6, "M"),
            >= 1e3 => (1e3, "k"),
            _ => (1.0, ""),
        };
        return (value / scale).ToString("0.##", CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>The x values of a figure's traces (scatter and bar), for the ticks to cover.</summary>
    public static IEnumerable<double> XValues(IEnumerable<Plotly.Blazor.ITrace> traces) => traces
        .SelectMany(t => t switch
        {
            Plotly.Blazor.Traces.Scatter s => s.X ?? [],
            Plotly.Blazor.Traces.Bar b => b.X ?? [],
            _ => [],
        })
        .Select(x => x is IConvertible c ? c.ToDouble(CultureInfo.InvariantCulture) : double.NaN);
}
