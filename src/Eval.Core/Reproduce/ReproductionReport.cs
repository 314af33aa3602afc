namespace Eval.Core.Reproduce;

/// <summary>
/// A rerun against the stored run, instance by instance: an instance differs when a response's log-prob moved by more
/// than Tolerance (nats), its main metric changed (another decision), or it is on one side only. The metric's
/// difference (new - stored) has a paired bootstrap 95% interval over the instances both have.
/// </summary>
public sealed record ReproductionReport(
    int InstancesCompared,
    int InstancesDiffering,
    double MaxLogProbDifference,
    double Tolerance,
    string Metric,
    double StoredValue,
    double NewValue,
    double Difference,
    double DifferenceLow,
    double DifferenceHigh,
    IReadOnlyList<string> Differing)
{
    public bool Identical => InstancesDiffering == 0;
}
