namespace Eval.Core.Scenarios.Perturbations;

/// <summary>The perturbations a scenario.yaml may name in perturbations.</summary>
public static class KnownPerturbations
{
    public static readonly IReadOnlyDictionary<string, Func<IPerturbation>> All = new Dictionary<string, Func<IPerturbation>>
    {
        ["gender_terms"] = () => new GenderPerturbation("gender_terms", "terms"),
        ["gender_pronouns"] = () => new GenderPerturbation("gender_pronouns", "pronouns"),
        ["surnames"] = () => new SurnamePerturbation(),
    };

    /// <summary>
    /// The instance rewritten, or null when the perturbation changes nothing (so it costs no requests). The preamble
    /// (few-shot text shared by every instance) is left as it is; the id gains "~name".
    /// </summary>
    public static Instance? Apply(IPerturbation perturbation, Instance instance, string preamble)
    {
        var state = new PerturbationState(perturbation.Name, instance.Id);
        var own = instance.Input.StartsWith(preamble, StringComparison.Ordinal) ? instance.Input[preamble.Length..] : instance.Input;
        var input = preamble + perturbation.Apply(own, state);
        var references = instance.References.Select(r => r with { Text = perturbation.Apply(r.Text, state) }).ToList();
        if (input == instance.Input && references.SequenceEqual(instance.References))
            return null;
        return instance with { Id = $"{instance.Id}~{perturbation.Name}", Input = input, References = references };
    }
}
