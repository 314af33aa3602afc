namespace Eval.Core.Metrics;

/// <summary>The largest value of one instance stat (peak memory over the repetitions); NaN when no instance has it.</summary>
public sealed class MaxMetric(string name, string input) : IRunMetric
{
    public string Name => name;

    public IReadOnlyList<string> Inputs => [input];

    public double Compute(InstanceStatTable instances)
    {
        var present = instances.Column(input).Where(v => !double.IsNaN(v)).ToList();
        return present.Count == 0 ? double.NaN : present.Max();
    }
}
