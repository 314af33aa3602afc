using System.Text.Json;

namespace Eval.TestKit;

/// <summary>A masked LM's expected.json: probe texts, their ids with &lt;s&gt;/&lt;/s&gt;, per-token PLL terms and totals.</summary>
public sealed record MaskedExpectedFixture(int MaskTokenId, IReadOnlyList<ExpectedProbe> Probes)
{
    public static MaskedExpectedFixture Load(string modelDirectory)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(modelDirectory, "expected.json")));
        var root = doc.RootElement;
        var probes = root.GetProperty("probes").EnumerateArray().Select(p => new ExpectedProbe(
            p.GetProperty("text").GetString()!,
            p.GetProperty("ids").EnumerateArray().Select(x => x.GetInt32()).ToArray(),
            p.GetProperty("per_token_logprobs").EnumerateArray().Select(x => x.GetDouble()).ToArray(),
            p.GetProperty("pll").GetDouble())).ToList();
        return new MaskedExpectedFixture(root.GetProperty("mask_token_id").GetInt32(), probes);
    }
}
