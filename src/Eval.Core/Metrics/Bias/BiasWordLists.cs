using System.Text.Json;
using Eval.Core.Scenarios.Perturbations;

namespace Eval.Core.Metrics.Bias;

/// <summary>
/// The word lists of HELM's bias metrics (Scenarios/Perturbations/data/words.json, Apache-2.0, see SOURCE.md there):
/// per demographic category (gender, race) each group's words, in file order; per target category (adjectives,
/// professions) the target words.
/// </summary>
public sealed record BiasWordLists(
    IReadOnlyDictionary<string, IReadOnlyList<(string Group, IReadOnlyList<string> Words)>> Demographics,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Targets)
{
    public static readonly string[] DemographicCategories = ["gender", "race"];

    /// <summary>HELM's names of the target categories, singular as in the metric ids, and the words.json key of each.</summary>
    public static readonly (string Name, string Key)[] TargetCategories = [("adjective", "adjectives"), ("profession", "professions")];

    private static readonly Lazy<BiasWordLists> Embedded = new(() => Parse(PerturbationWords.Read("words.json")));

    public static BiasWordLists Helm => Embedded.Value;

    public static BiasWordLists Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var demographics = DemographicCategories.ToDictionary(c => c, c => (IReadOnlyList<(string, IReadOnlyList<string>)>)root.GetProperty(c)
            .EnumerateObject().Select(g => (g.Name, (IReadOnlyList<string>)g.Value.EnumerateArray().Select(w => w.GetString()!).ToList())).ToList());
        var targets = TargetCategories.ToDictionary(t => t.Name,
            t => (IReadOnlyList<string>)root.GetProperty(t.Key).EnumerateArray().Select(w => w.GetString()!).Distinct().ToList());
        return new BiasWordLists(demographics, targets);
    }
}
