namespace Eval.Core.Stats;

/// <summary>One metric's value on one instance, with where the instance sits.</summary>
public sealed record InstanceStat(string InstanceId, string? Subset, string? SubsetGroup, string Metric, double Value);
