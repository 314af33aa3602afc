namespace Eval.Data.Queries;

/// <summary>One instance scored by two runs: each run's value of the metric.</summary>
public sealed record CompareRow(string InstanceId, string? Subset, double ValueA, double ValueB)
{
    public bool Disagree => ValueA != ValueB;
}
