using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Eval.Core.Runner;

/// <summary>What a run is: the scenario and its version, the model, and every option that changes results.</summary>
public sealed record RunSpec(string ScenarioId, int ScenarioVersion, string ModelSha256, string Convention, int? SamplePerSubset, int Seed)
{
    /// <summary>STYLE.md's run key: blimp@1:model=&lt;sha256 prefix&gt;,convention=eot_space,sample=100,seed=0.</summary>
    [JsonIgnore]
    public string Key =>
        $"{ScenarioId}@{ScenarioVersion}:model={ModelSha256[..Math.Min(12, ModelSha256.Length)]},convention={Convention}," +
        $"sample={(SamplePerSubset?.ToString() ?? "all")},seed={Seed}";

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    [JsonIgnore]
    public string Hash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ToJson())));

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
