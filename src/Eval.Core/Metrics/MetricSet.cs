namespace Eval.Core.Metrics;

/// <summary>
/// What a scenario computes: per-instance metrics (those it names and those its corpus-level metrics read), metrics
/// over an instance and its perturbed variants, and corpus-level metrics, each computed once per run, subset and
/// subset group.
/// </summary>
public sealed record MetricSet(IReadOnlyList<IInstanceMetric> Instance, IReadOnlyList<IPerturbationMetric> Perturbed, IReadOnlyList<IRunMetric> Run,
    IReadOnlyList<IInstanceStatsMetric>? InstanceStats = null)
{
    public IReadOnlyList<IInstanceStatsMetric> MultiStat => InstanceStats ?? [];

    public IEnumerable<IMetric> All => Instance.Cast<IMetric>().Concat(Perturbed).Concat(Run).Concat(MultiStat);
}
