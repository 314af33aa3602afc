using System.Text.Json;

namespace Eval.TestKit;

/// <summary>models/reference/*/expected.json: probe texts with ids and log-probs, and a greedy continuation.</summary>
public sealed record ExpectedFixture(IReadOnlyList<ExpectedProbe> Probes, int[] GreedyPromptIds, int[] GreedyGeneratedIds)
{
    public static ExpectedFixture Load(string modelDirectory)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(modelDirectory, "expected.json")));
        var root = doc.RootElement;
        var probes = root.GetProperty("probes").EnumerateArray().Select(p => new ExpectedProbe(
            p.GetProperty("text").GetString()!,
            p.GetProperty("ids").EnumerateArray().Select(x => x.GetInt32()).ToArray(),
            p.GetProperty("logprobs").EnumerateArray().Select(x => x.GetDouble()).ToArray(),
            p.GetProperty("total").GetDouble())).ToList();
        var greedy = root.GetProperty("greedy");
        return new ExpectedFixture(probes,
            Ints(greedy, "prompt_ids"),
            Ints(greedy, "generated_ids"));
    }

    private static int[] Ints(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.EnumerateArray().Select(x => x.GetInt32()).ToArray() : [];
}

public sealed record ExpectedProbe(string Text, int[] Ids, double[] LogProbs, double Total);
