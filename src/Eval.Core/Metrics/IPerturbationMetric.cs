using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>A per-instance metric over an instance and its perturbed variants (scenario.yaml's perturbations).</summary>
public interface IPerturbationMetric : IMetric
{
    double? Score(Instance instance, IReadOnlyList<Response> responses, IReadOnlyList<InstanceResponses> variants);
}
