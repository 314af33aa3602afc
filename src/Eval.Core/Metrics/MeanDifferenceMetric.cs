namespace Eval.Core.Metrics;

/// <summary>
/// The mean of one instance stat minus the mean of another, each over the instances that have it
/// (stereotype_gap = acc_pro_stereotyped - acc_anti_stereotyped). NaN when either has no instances.
/// </summary>
public sealed class MeanDifferenceMetric(string name, string minuend, string subtrahend) : IRunMetric
{
    public string Name => name;

    public IReadOnlyList<string> Inputs => [minuend, subtrahend];

    public double Compute(InstanceStatTable instances) => instances.Mean(minuend) - instances.Mean(subtrahend);
}
