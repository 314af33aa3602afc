using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>
/// Several named values per instance, stored as instance stats for corpus-level metrics to read (the bias metrics'
/// word counts: one per demographic group and per co-occurring target word, only those that are not zero).
/// </summary>
public interface IInstanceStatsMetric : IMetric
{
    IEnumerable<KeyValuePair<string, double>> Stats(Instance instance, IReadOnlyList<Response> responses);
}
