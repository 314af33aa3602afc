using Eval.Core.Efficiency;

namespace Eval.Core.Metrics;

/// <summary>The q-quantile (Percentiles.Of) of one instance stat over the run or subset: medians and p95s of measured repetitions.</summary>
public sealed class PercentileMetric(string name, string input, double q) : IRunMetric
{
    public string Name => name;

    public IReadOnlyList<string> Inputs => [input];

    public double Compute(InstanceStatTable instances) => Percentiles.Of(instances.Column(input), q);
}
