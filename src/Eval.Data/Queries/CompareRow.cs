namespace Eval.Data.Queries;

/// <summary>One instance (id and subset) answered by two runs; Question is its own text (<see cref="InstanceQuestion"/>).</summary>
public sealed record CompareRow(string InstanceId, string? Subset, InstancePrediction A, InstancePrediction B, string? Question = null)
{
    public bool Disagree => A.DisagreesWith(B);
}
