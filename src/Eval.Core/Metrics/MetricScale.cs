namespace Eval.Core.Metrics;

/// <summary>
/// What a metric's number is measured in. Only values on one scale may be averaged together, and only Fraction
/// scores are averaged into a mean score (a 0-100 BLEU beside a 0-1 accuracy made a "mean score" of 1.010).
/// </summary>
public enum MetricScale
{
    /// <summary>A probability or share in [0, 1] (accuracy, pct_stereotype, ece_10_bin).</summary>
    Fraction,

    /// <summary>A signed difference of fractions, in [-1, 1] (bias_score_*, stereotype_gap).</summary>
    SignedFraction,

    /// <summary>lm-eval's BLEU and ROUGE scale, 0 to 100.</summary>
    Percent,

    /// <summary>A difference on the 0-100 scale, in [-100, 100] (bleu_diff).</summary>
    PercentDifference,

    /// <summary>A difference of summed log-probabilities, in nats (likelihood_diff).</summary>
    LogProbability,

    /// <summary>A number of things (parameters, words).</summary>
    Count,

    Bytes,

    Milliseconds,

    TokensPerSecond,

    JoulesPerToken,
}
