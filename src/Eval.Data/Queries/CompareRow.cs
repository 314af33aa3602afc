namespace Eval.Data.Queries;

/// <summary>One instance (id and subset) answered by two runs.</summary>
public sealed record CompareRow(string InstanceId, string? Subset, InstancePrediction A, InstancePrediction B)
{
    public bool Disagree => A.DisagreesWith(B);
}
