using System.Globalization;

namespace Eval.Core.Metrics;

/// <summary>
/// What one metric id means, for every layer that shows or ranks it (leaderboard, summary, model and run pages, API):
/// its name for people, what it measures, its scale and unit, which way is better, whether it may be averaged with
/// other metrics into a mean score (a fraction where higher is better), and where it is shown. lm-eval's
/// higher_is_better and HELM's schema (display_name, lower_is_better) are the models; MetricSpecs holds them all.
/// </summary>
public sealed record MetricSpec(
    string Id,
    string DisplayName,
    string Description,
    MetricScale Scale,
    MetricDirection Direction,
    bool Averageable = false,
    MetricVisibility Visibility = MetricVisibility.Result)
{
    public bool LowerIsBetter => Direction.LowerIsBetter;

    /// <summary>The value that is best (0.5 for pct_stereotype, 0 for bias scores), or null when higher or lower is simply better.</summary>
    public double? Ideal => Direction.Ideal;

    /// <summary>The unit as a short suffix ("ms", "tokens/s", "0-100"); empty for fractions and counts.</summary>
    public string Unit => Scale switch
    {
        MetricScale.Percent => "0-100",
        MetricScale.PercentDifference => "0-100 points",
        MetricScale.LogProbability => "nats",
        MetricScale.Bytes => "bytes",
        MetricScale.Milliseconds => "ms",
        MetricScale.TokensPerSecond => "tokens/s",
        MetricScale.JoulesPerToken => "J/token",
        _ => "",
    };

    /// <summary>Which way is better, in words: "higher is better", "lower is better", "best at 0.5".</summary>
    public string DirectionText => Ideal is { } ideal ? $"best at {ideal.ToString(CultureInfo.InvariantCulture)}"
        : LowerIsBetter ? "lower is better" : "higher is better";

    /// <summary>A header's tooltip: the description, the scale and the direction.</summary>
    public string Tooltip => $"{DisplayName} ({Id}): {Description} {ScaleText}; {DirectionText}.";

    private string ScaleText => Scale switch
    {
        MetricScale.Fraction => "A fraction in [0, 1]",
        MetricScale.SignedFraction => "In [-1, 1]",
        MetricScale.Percent => "On a 0-100 scale",
        MetricScale.PercentDifference => "In [-100, 100]",
        MetricScale.LogProbability => "In nats (natural-log probability)",
        MetricScale.Count => "A count",
        _ => "In " + Unit,
    };

    /// <summary>The label with its unit, for a header: "Decode throughput (tokens/s)", "BLEU max (0-100)", "Accuracy".</summary>
    public string LabelWithUnit => Unit.Length == 0 ? DisplayName : $"{DisplayName} ({Unit})";

    /// <summary>The number as a table cell shows it under a header that names the unit: three decimals for scores, whole numbers for counts, sizes and large figures.</summary>
    public string FormatNumber(double value) => Scale is MetricScale.Count or MetricScale.Bytes || Math.Abs(value) >= 1000
        ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>The value with its unit where it stands alone ("3,304 tokens/s", "0.440", "42.000 (0-100)").</summary>
    public string Format(double value) => Unit.Length == 0 ? FormatNumber(value)
        : Scale is MetricScale.Percent or MetricScale.PercentDifference ? $"{FormatNumber(value)} ({Unit})" : $"{FormatNumber(value)} {Unit}";
}
