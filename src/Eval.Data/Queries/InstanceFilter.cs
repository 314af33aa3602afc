namespace Eval.Data.Queries;

/// <summary>What the instance browser asks for: text search, one subset, right or wrong on a metric, one page.</summary>
public sealed record InstanceFilter(string? Search = null, string? Subset = null, bool? Correct = null, string Metric = Core.Metrics.KnownMetrics.Accuracy,
    int Page = 1, int PageSize = 25, string? InstanceId = null);
