using Eval.Core.Models;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>The reference encoder reproduces its expected.json, and batching never changes a score.</summary>
public sealed class MaskedLanguageModelTests
{
    private static readonly string Directory = Repo.ReferenceModel(Repo.ReferenceEncoder);

    private static readonly string[] Sentences =
    [
        "The cat sleeps on the mat.",
        "Who do you think that John saw?",
        "A",
        "These patients do respect themselves.",
        "These patients do respect himself.",
        "The cat sleeps on the mat.",
        "Many girls insulted themselves after the long and rather tiring meeting at the old town hall.",
        "Café naïve façade — “quoted” text…",
        "Who do you think that John saw?",
        "Only the children who had eaten any of the apples were sick.",
    ];

    private static MaskedLanguageModel Load(InferenceOptions? options = null) =>
        MaskedLanguageModel.Load(Directory, options ?? new InferenceOptions { Device = InferenceOptions.Cpu });

    [Fact]
    public void Tokenize_GivesExpectedIdsWithSpecialTokens_ForEveryProbe()
    {
        using var model = Load();

        foreach (var probe in MaskedExpectedFixture.Load(Directory).Probes)
            Assert.Equal(probe.Ids, model.Tokenize(probe.Text));
    }

    [Fact]
    public async Task LogLikelihood_MatchesExpectedPllTerms_ForEveryProbe()
    {
        using var model = Load();
        var probes = MaskedExpectedFixture.Load(Directory).Probes;

        var results = await model.LogLikelihoodAsync(probes.Select(p => new LogLikelihoodRequest("", p.Text)).ToList());

        for (var i = 0; i < probes.Count; i++)
        {
            Assert.Equal(probes[i].Ids.Length - 2, results[i].TokenCount);
            var actual = results[i].TokenLogProbs!;
            Assert.Equal(probes[i].LogProbs.Length, actual.Count);
            for (var k = 0; k < actual.Count; k++)
                Assert.True(Math.Abs(probes[i].LogProbs[k] - actual[k]) < 1e-4,
                    $"probe {i} token {k}: expected {probes[i].LogProbs[k]}, got {actual[k]}");
            Assert.True(Math.Abs(probes[i].Total - results[i].LogProb) < 1e-3,
                $"probe {i}: expected PLL {probes[i].Total}, got {results[i].LogProb}");
        }
    }

    [Fact]
    public async Task LogLikelihood_GivesTheSameScores_WhenBatchedAsOneAtATime()
    {
        using var model = Load();
        // A small token budget forces many batches of mixed lengths, each padded to its longest row.
        using var smallBatches = Load(new InferenceOptions { Device = InferenceOptions.Cpu, MaxBatchTokens = 96, MaxBatchSize = 7 });
        var requests = Sentences.SelectMany(s => new[]
        {
            new LogLikelihoodRequest("", s),
            new LogLikelihoodRequest("", s, ScoringVariant.WordL2R),
        }).ToList();

        var batched = await model.LogLikelihoodAsync(requests);
        var small = await smallBatches.LogLikelihoodAsync(requests);
        var single = new List<LogLikelihoodResult>();
        foreach (var request in requests)
            single.Add((await model.LogLikelihoodAsync([request]))[0]);

        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(single[i].TokenCount, batched[i].TokenCount);
            Assert.Equal(single[i].IsGreedy, batched[i].IsGreedy);
            Assert.True(Math.Abs(single[i].LogProb - batched[i].LogProb) < 1e-4, $"request {i}: {single[i].LogProb} alone, {batched[i].LogProb} batched");
            Assert.True(Math.Abs(single[i].LogProb - small[i].LogProb) < 1e-4, $"request {i}: {single[i].LogProb} alone, {small[i].LogProb} in small batches");
        }
        // Identical requests get identical scores wherever they fall (CONTRACTS.md).
        Assert.Equal(batched[0].LogProb, batched[10].LogProb);
        Assert.Equal(batched[2].LogProb, batched[16].LogProb);
    }

    [Fact]
    public async Task LogLikelihood_ScoresNothing_ForAnEmptyText()
    {
        using var model = Load();

        var result = (await model.LogLikelihoodAsync([new LogLikelihoodRequest("", "")]))[0];

        Assert.Equal(0, result.TokenCount);
        Assert.Equal(0.0, result.LogProb);
    }

    [Fact]
    public async Task LogLikelihood_RefusesAConditionalRequest()
    {
        using var model = Load();

        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            model.LogLikelihoodAsync([new LogLikelihoodRequest("", "A"), new LogLikelihoodRequest("Question:", " Answer")]));

        Assert.Contains("conditional continuation is not applicable to a masked LM", error.Message);
    }

    [Fact]
    public void Load_RecordsTheMaskedKindAndContextLength()
    {
        using var model = Load();

        Assert.Equal(ModelKinds.Masked, model.Info.Kind);
        Assert.Equal(128, model.Info.ContextLength);
        Assert.Equal(128, model.Window);
    }
}
