using Eval.Core.Models;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>KV-cached, batched, left-padded generation against the fixtures and against recomputation.</summary>
public sealed class GenerationTests
{
    public static TheoryData<string> Models => new(Repo.ReferenceModels);

    private static readonly string[] Prompts =
        ["Once upon a time", "The", "She opened the door and saw that the garden", "In the morning, the old man walked to"];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Generate_ReproducesFixtureGreedyIds_WithCache(string name)
    {
        using var model = TestModels.Reference(name);
        var fixture = ExpectedFixture.Load(Repo.ReferenceModel(name));
        Assert.Equal(fixture.GreedyPromptIds, model.Tokenize(TestModels.Prompt));

        var result = (await model.GenerateAsync([new GenerationRequest(TestModels.Prompt, 16, IgnoreEos: true)]))[0];

        Assert.Equal(fixture.GreedyGeneratedIds, result.TokenIds);
        Assert.Equal(FinishReason.Length, result.FinishReason);
        Assert.Equal(fixture.GreedyPromptIds.Length, result.PromptTokenCount);
    }

    [Fact]
    public async Task Generate_Batched_EqualsOneAtATime()
    {
        using var model = TestModels.Reference(TestModels.Nano);
        var requests = Prompts.Select(p => new GenerationRequest(p, 12, IgnoreEos: true)).ToList();

        var batched = await model.GenerateAsync(requests);
        var single = new List<GenerationResult>();
        foreach (var request in requests)
            single.Add((await model.GenerateAsync([request]))[0]);

        for (var i = 0; i < requests.Count; i++)
        {
            Assert.Equal(single[i].TokenIds, batched[i].TokenIds);
            Assert.Equal(single[i].Text, batched[i].Text);
            AssertClose(single[i].TokenLogProbs, batched[i].TokenLogProbs, 1e-4);
        }
    }

    [Fact]
    public async Task Generate_WithCache_EqualsFullRecomputation()
    {
        using var model = TestModels.Reference(TestModels.Nano, o => o.SharePrefixes = false);
        var results = await model.GenerateAsync(Prompts.Select(p => new GenerationRequest(p, 10, IgnoreEos: true)).ToList());

        // Scoring the prompt + completion in one pass recomputes every position without a cache.
        for (var i = 0; i < Prompts.Length; i++)
        {
            var sequence = new TokenSequence(model.Tokenize(Prompts[i]), results[i].TokenIds.ToArray());
            var scores = model.ScoreTokens([sequence])[0];
            AssertClose(scores.LogProbs, results[i].TokenLogProbs, 1e-4);
            Assert.True(scores.IsGreedy, $"prompt {i}: the greedy completion must be the argmax at every step");
        }
    }

    [Fact]
    public async Task Generate_CutsTextAtStopSequence()
    {
        using var model = TestModels.Reference(TestModels.Nano);

        var result = (await model.GenerateAsync([new GenerationRequest(TestModels.Prompt, 16, ["the other"])]))[0];

        // gpt-nano continues ", and the other, and the other, ..." (expected.json).
        Assert.Equal(FinishReason.Stop, result.FinishReason);
        Assert.Equal(", and ", result.Text);
        Assert.Equal([12, 281, 261, 551], result.TokenIds);
    }

    [Fact]
    public async Task Generate_StopsAtEos_UnlessIgnored()
    {
        // gpt-mini-bpe8k-early's greedy continuation has <|endoftext|> as its 14th token (expected.json).
        using var model = TestModels.Reference("gpt-mini-bpe8k-early");

        var result = (await model.GenerateAsync([new GenerationRequest(TestModels.Prompt, 16)]))[0];

        Assert.Equal(FinishReason.Eos, result.FinishReason);
        Assert.Equal(13, result.TokenIds.Count);
        Assert.Equal(", and the other was not so far as to be seen.", result.Text);
    }

    [Fact]
    public async Task Generate_Sampling_IsReproducibleBySeed_AndIndependentOfBatch()
    {
        using var model = TestModels.Reference(TestModels.Nano);
        GenerationRequest Sampled(string prompt, int seed) => new(prompt, 12, Temperature: 1.0, TopP: 0.9, Seed: seed, IgnoreEos: true);

        var first = (await model.GenerateAsync([Sampled(TestModels.Prompt, 7)]))[0];
        var batched = await model.GenerateAsync([Sampled(Prompts[2], 1), Sampled(TestModels.Prompt, 7), Sampled(TestModels.Prompt, 8)]);
        var greedy = (await model.GenerateAsync([new GenerationRequest(TestModels.Prompt, 12)]))[0];

        Assert.Equal(first.TokenIds, batched[1].TokenIds);
        Assert.NotEqual(batched[1].TokenIds, batched[2].TokenIds);
        Assert.NotEqual(greedy.TokenIds, first.TokenIds);
    }

    [Fact]
    public async Task Generate_ReportsTimings_PerToken()
    {
        using var model = TestModels.Reference(TestModels.Nano);

        var result = (await model.GenerateAsync([new GenerationRequest(TestModels.Prompt, 8)]))[0];

        Assert.Equal(8, result.TokenIds.Count);
        Assert.Equal(result.TokenIds.Count, result.TokenLatenciesMs.Count);
        Assert.True(result.TimeToFirstTokenMs > 0);
        Assert.Equal(result.TimeToFirstTokenMs, result.TokenLatenciesMs[0]);
        Assert.All(result.TokenLatenciesMs, ms => Assert.True(ms > 0));
    }

    [Fact]
    public async Task Generate_KeepsPromptAndCompletion_WithinContextWindow()
    {
        using var model = TestModels.Reference(TestModels.Nano);
        var longPrompt = string.Concat(Enumerable.Repeat("the cat sat on the mat and ", 120));

        var result = (await model.GenerateAsync([new GenerationRequest(longPrompt, 8, IgnoreEos: true)]))[0];

        Assert.Equal(8, result.TokenIds.Count);
        Assert.Equal(model.Info.ContextLength - 8, result.PromptTokenCount);
    }

    internal static void AssertClose(IReadOnlyList<float> expected, IReadOnlyList<float> actual, double tolerance)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var k = 0; k < expected.Count; k++)
            Assert.True(Math.Abs(expected[k] - actual[k]) < tolerance, $"token {k}: expected {expected[k]}, got {actual[k]}");
    }
}
