using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>
/// worst_case_accuracy (HELM's robustness/fairness aggregation): per instance, the lowest accuracy over the original
/// and every perturbed variant that differs from it; an instance no perturbation changes keeps its accuracy.
/// </summary>
public sealed class WorstCaseAccuracyMetric(IInstanceMetric accuracy) : IPerturbationMetric
{
    public string Name => "worst_case_accuracy";

    public string? Problem(ScenarioDefinition scenario) =>
        scenario.Perturbations.Count > 0 ? null : $"metric '{Name}' needs perturbations";

    public double? Score(Instance instance, IReadOnlyList<Response> responses, IReadOnlyList<InstanceResponses> variants)
    {
        var worst = accuracy.Score(instance, responses);
        foreach (var v in variants)
            if (accuracy.Score(v.Instance, v.Responses) is { } value && (worst is null || value < worst))
                worst = value;
        return worst;
    }
}
