namespace Eval.Core.Stats;

/// <summary>
/// One metric over a set of instances, with a 95% bootstrap confidence interval. For a per-instance metric Count is
/// the instances it applies to and Mean their average; for a corpus-level metric (CorpusLevel) Mean is the metric's
/// value, Count the instances it was computed from, and Sum, SumSquares, Min and Max are those of Count copies of
/// the value, so stored sums stay consistent.
/// </summary>
public sealed record StatSummary(
    string Metric,
    string Level,
    string Key,
    int Count,
    double Sum,
    double SumSquares,
    double Min,
    double Max,
    double Mean,
    double CiLow,
    double CiHigh,
    bool CorpusLevel = false);
