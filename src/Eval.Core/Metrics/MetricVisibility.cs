namespace Eval.Core.Metrics;

/// <summary>Where a metric is shown.</summary>
public enum MetricVisibility
{
    /// <summary>A result: a leaderboard column, the run page, the API.</summary>
    Result,

    /// <summary>Bookkeeping about the run (truncated prompts, generations cut at the token limit): the run page and the API, not ranked.</summary>
    Diagnostic,

    /// <summary>A per-instance figure other metrics are computed from (confidence, bbq_* counts, rep_*): stored and downloadable, not shown.</summary>
    Internal,
}
