namespace Eval.Core.Scenarios.Perturbations;

/// <summary>
/// Which variant each stored request of an instance belongs to, in the order the runner stores them: the instance's
/// own requests ("original"), then those of each perturbation that changed it, named after the perturbation. The
/// run page labels response rows with it.
/// </summary>
public static class RequestVariants
{
    public const string Original = "original";

    public static IReadOnlyList<string> Labels(ScenarioDefinition scenario, Instance instance)
    {
        int RequestsOf(Instance i) => scenario.AdapterKind.RequestsPerInstance(i);
        var labels = Enumerable.Repeat(Original, RequestsOf(instance)).ToList();
        foreach (var name in scenario.Perturbations)
            if (KnownPerturbations.Apply(KnownPerturbations.All[name](), instance, scenario.Prompt.Preamble) is { } variant)
                labels.AddRange(Enumerable.Repeat(name, RequestsOf(variant)));
        return labels;
    }
}
