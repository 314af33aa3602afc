namespace Eval.Core.Metrics;

/// <summary>
/// A corpus-level metric: computed from the per-instance stats of a whole run, subset or subset group (BBQ bias
/// scores, ECE), not averaged per instance. It reads only the instance stats named in Inputs (computed by instance
/// metrics and stored), so a resumed or re-aggregated run gives the same value. NaN: undefined for these instances.
/// </summary>
public interface IRunMetric : IMetric
{
    IReadOnlyList<string> Inputs { get; }

    /// <summary>The metric ids that produce the inputs: the inputs themselves, unless one metric stores several (IInstanceStatsMetric).</summary>
    IReadOnlyList<string> Producers => Inputs;

    double Compute(InstanceStatTable instances);
}
