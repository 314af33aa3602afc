using System.Globalization;
using System.Text.Json;

namespace Eval.Core.Scenarios.Blimp;

/// <summary>
/// The BLiMP paper's results (scenarios/blimp/reference): 5-gram, LSTM, Transformer-XL, GPT-2-large per phenomenon
/// and overall, and human agreement averaged over each phenomenon's paradigms. Shown apart, never ranked with runs.
/// </summary>
public static class BlimpPublishedResults
{
    public const string Citation = "Warstadt et al. 2020, BLiMP, TACL 8:377-392 (Table 3; human: validation study)";

    private static readonly (string Key, string Name)[] Models =
        [("ngram", "5-gram (paper)"), ("lstm", "LSTM (paper)"), ("txl", "Transformer-XL (paper)"), ("gpt2", "GPT-2 large (paper)")];

    public static IReadOnlyList<PublishedResult> Load(ScenarioDefinition scenario, IReadOnlyList<Instance> instances)
    {
        var folder = Path.Combine(scenario.Directory, "reference");
        var summary = Path.Combine(folder, "models_summary.jsonl");
        var human = Path.Combine(folder, "human_validation_summary.csv");
        if (!File.Exists(summary))
            return [];

        var values = Models.ToDictionary(m => m.Key, _ => new Dictionary<string, double>());
        foreach (var line in File.ReadLines(summary).Where(l => l.Length > 0))
        {
            using var doc = JsonDocument.Parse(line);
            var row = doc.RootElement;
            if (row.GetProperty("UID").GetString() != "overall")
                continue;
            var column = row.GetProperty("linguistics_term").GetString()!;
            foreach (var (key, _) in Models)
                values[key][column] = row.GetProperty(key).GetDouble();
        }
        var results = Models.Select(m => new PublishedResult(m.Name, Citation, values[m.Key])).ToList();
        if (File.Exists(human))
            results.Add(new PublishedResult("Human agreement (paper)", Citation, HumanByPhenomenon(human, instances)));
        return results;
    }

    private static Dictionary<string, double> HumanByPhenomenon(string csv, IReadOnlyList<Instance> instances)
    {
        var phenomenonOf = instances.Where(i => i.Subset is not null && i.SubsetGroup is not null)
            .GroupBy(i => i.Subset!).ToDictionary(g => g.Key, g => g.First().SubsetGroup!);
        var byParadigm = new Dictionary<string, double>();
        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            var cells = line.Split(',');
            var uid = cells[0].Trim('"');
            if (cells.Length >= 3 && phenomenonOf.ContainsKey(uid))
                byParadigm[uid] = double.Parse(cells[2], CultureInfo.InvariantCulture);
        }
        var result = byParadigm.GroupBy(p => phenomenonOf[p.Key]).ToDictionary(g => g.Key, g => g.Average(p => p.Value));
        if (byParadigm.Count > 0)
            result["overall"] = byParadigm.Values.Average();
        return result;
    }
}
