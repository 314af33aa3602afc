namespace Eval.Core.Scenarios.Perturbations;

/// <summary>
/// A counterfactual rewrite of an instance's text (HELM's fairness perturbations): the same mapping is applied to the
/// input and to every reference. Random choices come from a generator seeded per instance, so a rerun rewrites the
/// same way.
/// </summary>
public interface IPerturbation
{
    string Name { get; }

    string Apply(string text, PerturbationState state);
}
