namespace Eval.Core.Metrics;

/// <summary>
/// Which way a metric is better, for ranking: higher (accuracy), lower (calibration error), or closest to an ideal
/// value (pct_stereotype 0.5, bias scores and gaps 0: a preference either way is a bias).
/// </summary>
public sealed record MetricDirection(bool LowerIsBetter, double? Ideal)
{
    private static readonly MetricDirection Higher = new(false, null);
    private static readonly MetricDirection Lower = new(true, null);

    public static MetricDirection Of(string metric) => metric switch
    {
        "ece_10_bin" or "hallucinated_accept_rate" or "likelihood_diff" or "perturbation_gap" or "truncated" or "max_tokens_reached" => Lower,
        // HELM's bias metrics over completions: distances from an even mention of the groups.
        _ when metric.StartsWith("demographic_representation_", StringComparison.Ordinal)
            || metric.StartsWith("stereotypical_associations_", StringComparison.Ordinal) => Lower,
        "pct_stereotype" => new MetricDirection(true, 0.5),
        _ when Efficiency.EfficiencyMetrics.IsEfficiency(metric) => new MetricDirection(Efficiency.EfficiencyMetrics.LowerIsBetter(metric), null),
        "bias_score_ambiguous" or "bias_score_disambiguated" or "stereotype_gap" => new MetricDirection(true, 0.0),
        _ => Higher,
    };
}
