using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>
/// A value per instance, averaged over instances by the aggregator. Null: the metric does not apply to this
/// instance (acc_ambiguous on a disambiguated one), so the mean runs over the instances it applies to.
/// </summary>
public interface IInstanceMetric : IMetric
{
    double? Score(Instance instance, IReadOnlyList<Response> responses);
}
