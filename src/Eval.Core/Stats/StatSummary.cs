namespace Eval.Core.Stats;

/// <summary>One metric over a set of instances, with a 95% bootstrap confidence interval of the mean.</summary>
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
    double CiHigh);
