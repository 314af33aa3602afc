using Eval.Core.Models;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>Every reference model reproduces its expected.json: token ids exactly, per-token log-probs within 1e-4.</summary>
public sealed class ReferenceModelFixtureTests
{
    public static TheoryData<string> Models => new(Repo.ReferenceModels);

    [Theory]
    [MemberData(nameof(Models))]
    public void Tokenize_GivesExpectedIds_ForEveryProbe(string name)
    {
        var directory = Repo.ReferenceModel(name);
        using var model = OnnxLanguageModel.Load(directory, new InferenceOptions { Device = InferenceOptions.Cpu });

        foreach (var probe in ExpectedFixture.Load(directory).Probes)
            Assert.Equal(probe.Ids, model.Tokenize(probe.Text));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task LogLikelihood_MatchesExpectedLogProbs_ForEveryProbe(string name)
    {
        var directory = Repo.ReferenceModel(name);
        using var model = OnnxLanguageModel.Load(directory, new InferenceOptions { Device = InferenceOptions.Cpu });
        var probes = ExpectedFixture.Load(directory).Probes;

        var results = await model.LogLikelihoodAsync(probes.Select(p => new LogLikelihoodRequest("", p.Text)).ToList());

        for (var i = 0; i < probes.Count; i++)
        {
            Assert.Equal(probes[i].Ids.Length, results[i].TokenCount);
            var actual = results[i].TokenLogProbs!;
            for (var k = 0; k < probes[i].LogProbs.Length; k++)
                Assert.True(Math.Abs(probes[i].LogProbs[k] - actual[k]) < 1e-4,
                    $"{name} probe {i} token {k}: expected {probes[i].LogProbs[k]}, got {actual[k]}");
            Assert.Equal(probes[i].Total, results[i].LogProb, 3);
        }
    }
}
