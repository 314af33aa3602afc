using System.Globalization;

namespace Eval.Core.Metrics;

/// <summary>
/// How every page writes a metric's value: by its spec's scale, in a unit a person reads (bytes as MiB, milliseconds
/// with the decimals that matter, throughput in whole tokens/s). The stored and downloaded values keep the spec's own
/// unit (MetricSpec.Unit): this is for display only, and the one place that decides it.
/// </summary>
public static class MetricFormat
{
    private const double Mebibyte = 1024 * 1024;

    /// <summary>The unit a page shows the value in ("MiB" for bytes); empty for fractions, scores and counts.</summary>
    public static string Unit(MetricSpec spec) => spec.Scale == MetricScale.Bytes ? "MiB" : spec.Unit;

    /// <summary>A header's label: the display name with the shown unit, "Peak memory (MiB)", "Accuracy".</summary>
    public static string Label(MetricSpec spec) => Unit(spec) is { Length: > 0 } unit ? $"{spec.DisplayName} ({unit})" : spec.DisplayName;

    /// <summary>The number in the shown unit, for a cell under a header that names the unit.</summary>
    public static string Number(MetricSpec spec, double value)
    {
        if (double.IsNaN(value))
            return "–";
        return spec.Scale switch
        {
            MetricScale.Bytes => Fixed(value / Mebibyte, value / Mebibyte >= 100 ? "#,0" : "0.0"),
            MetricScale.Count => Fixed(value, "#,0"),
            MetricScale.Milliseconds => Fixed(value, Math.Abs(value) >= 100 ? "#,0" : Math.Abs(value) >= 10 ? "0.0" : "0.00"),
            MetricScale.TokensPerSecond => Fixed(value, Math.Abs(value) >= 100 ? "#,0" : "0.0"),
            MetricScale.Percent or MetricScale.PercentDifference => Fixed(value, "0.0"),
            MetricScale.JoulesPerToken => Fixed(value, "0.####"),
            MetricScale.Number => Fixed(value, "0.00"),
            _ => Fixed(value, "0.000"),
        };
    }

    /// <summary>The value with its unit where it stands alone: "3,304 tokens/s", "12.5 MiB", "0.440", "42.0 (0-100)".</summary>
    public static string WithUnit(MetricSpec spec, double value)
    {
        var number = Number(spec, value);
        var unit = Unit(spec);
        if (unit.Length == 0 || double.IsNaN(value))
            return number;
        return spec.Scale is MetricScale.Percent or MetricScale.PercentDifference ? $"{number} ({unit})" : $"{number} {unit}";
    }

    /// <summary>A 95% interval in the shown unit: "0.380–0.440".</summary>
    public static string Interval(MetricSpec spec, double low, double high) => $"{Number(spec, low)}–{Number(spec, high)}";

    /// <summary>A score without a spec (mean win rate, published results): three decimals.</summary>
    public static string Score(double value) => double.IsNaN(value) ? "–" : Fixed(value, "0.000");

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
