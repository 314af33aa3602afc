namespace Eval.Core.Metrics;

/// <summary>
/// Which way a metric is better, for ranking: higher (accuracy), lower (calibration error), or closest to an ideal
/// value (pct_stereotype 0.5, bias scores and gaps 0: a preference either way is a bias). Each metric's is in its
/// MetricSpec.
/// </summary>
public sealed record MetricDirection(bool LowerIsBetter, double? Ideal)
{
    public static readonly MetricDirection Higher = new(false, null);
    public static readonly MetricDirection Lower = new(true, null);

    public static MetricDirection ClosestTo(double ideal) => new(true, ideal);

    /// <summary>The metric's direction from its spec; higher for an id with none (computed columns such as a win rate).</summary>
    public static MetricDirection Of(string metric) => MetricSpecs.TryGet(metric, out var spec) ? spec.Direction : Higher;
}
