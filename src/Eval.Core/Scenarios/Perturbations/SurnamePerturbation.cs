using System.Text.Json.Nodes;

namespace Eval.Core.Scenarios.Perturbations;

/// <summary>
/// Surname substitution (a stand-in for HELM's person-name perturbation, whose first-name lists are not available):
/// every surname of words.json's race.white list becomes a surname drawn from the asian and hispanic lists, chosen
/// per instance by its seeded generator and reused for the same name across the input and the references.
/// </summary>
public sealed class SurnamePerturbation : IPerturbation
{
    private readonly HashSet<string> sources;
    private readonly IReadOnlyList<string> targets;

    public SurnamePerturbation()
    {
        var race = JsonNode.Parse(PerturbationWords.Read("words.json"))!["race"]!;
        List<string> List(string group) => race[group]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        sources = new HashSet<string>(List("white"), StringComparer.OrdinalIgnoreCase);
        targets = [.. List("asian"), .. List("hispanic")];
    }

    public string Name => "surnames";

    public string Apply(string text, PerturbationState state) => WordSubstitution.Replace(text, word =>
    {
        if (!sources.Contains(word))
            return null;
        if (!state.Substitutions.TryGetValue(word, out var replacement))
        {
            replacement = targets[state.Random.Next(targets.Count)];
            state.Substitutions[word] = replacement;
        }
        return replacement;
    });
}
