using Eval.Core.Adapters;
using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>BLiMP through the runner with the encoder: pll conventions by default, eot_* refused with a reason.</summary>
public sealed class MaskedBlimpRunTests
{
    private static readonly ScenarioDefinition Blimp = ScenarioLoader.Load(Path.Combine(Repo.Scenarios, "blimp"));

    [Fact]
    public void DefaultConvention_IsPll_ForAMaskedModel_AndEotSpace_ForACausalOne()
    {
        Assert.Equal(MinimalPairConventions.Pll, ModelConventions.Default(Blimp, ModelKinds.Masked));
        Assert.Equal(MinimalPairConventions.EotSpace, ModelConventions.Default(Blimp, ModelKinds.Causal));
        Assert.Equal(new HashSet<string> { MinimalPairConventions.EotSpace, MinimalPairConventions.Pll }, ModelConventions.Defaults(Blimp));
    }

    [Theory]
    [InlineData(MinimalPairConventions.Pll)]
    [InlineData(MinimalPairConventions.PllWordL2R)]
    public async Task Run_ScoresPairsByPll_WithTheEncoder(string convention)
    {
        using var model = LanguageModelLoader.Load(Repo.ReferenceModel(Repo.ReferenceEncoder), new InferenceOptions { Device = InferenceOptions.Cpu });
        var instances = InstanceSampler.Sample(InstanceReader.Read(Blimp), 1, 0).Take(10).ToList();
        var results = new List<InstanceResult>();

        await new EvalRunner().RunAsync(model, Blimp, instances, convention, (chunk, _) => { results.AddRange(chunk); return Task.CompletedTask; });

        Assert.Equal(10, results.Count);
        // No leading space: the sentence as it is inside <s> ... </s>.
        Assert.All(results.SelectMany(r => r.Requests), r => Assert.False(r.Continuation.StartsWith(' ')));
        Assert.All(results.SelectMany(r => r.Requests), r => Assert.True(r.LogProb < 0 && r.TokenCount > 0));
    }

    [Fact]
    public async Task Run_RefusesEotSpace_ForTheEncoder()
    {
        using var model = LanguageModelLoader.Load(Repo.ReferenceModel(Repo.ReferenceEncoder), new InferenceOptions { Device = InferenceOptions.Cpu });
        var instances = InstanceSampler.Sample(InstanceReader.Read(Blimp), 1, 0).Take(2).ToList();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new EvalRunner().RunAsync(model, Blimp, instances, MinimalPairConventions.EotSpace, (_, _) => Task.CompletedTask));

        Assert.Contains("masked LM", error.Message);
        Assert.Contains("pll", error.Message);
    }
}
