using System.Text.Json.Nodes;

namespace Eval.Core.Scenarios.Perturbations;

/// <summary>
/// HELM's gender perturbation, male to female with probability 1: every male word of the (neutral, female, male)
/// triples in gender_mappings.json (terms, or pronouns) becomes its female counterpart, keeping case; where a male
/// word is in two triples (his: their/her, theirs/hers) the first wins, as HELM keeps the first match.
/// </summary>
public sealed class GenderPerturbation : IPerturbation
{
    private readonly Dictionary<string, string> mapping = new(StringComparer.OrdinalIgnoreCase);

    public GenderPerturbation(string name, string section)
    {
        Name = name;
        var root = JsonNode.Parse(PerturbationWords.Read("gender_mappings.json"))!;
        var columns = root["columns"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        int female = columns.IndexOf("female"), male = columns.IndexOf("male");
        foreach (var triple in root[section]!.AsArray())
            mapping.TryAdd(triple![male]!.GetValue<string>(), triple[female]!.GetValue<string>());
    }

    public string Name { get; }

    public string Apply(string text, PerturbationState state) =>
        WordSubstitution.Replace(text, word => mapping.GetValueOrDefault(word));
}
