using Eval.Core.Models;

namespace Eval.Inference.Onnx.Tests;

/// <summary>A repeated request is served from the cache: identical results, and the inner model is not called.</summary>
public sealed class CachingLanguageModelTests
{
    [Fact]
    public async Task Hit_ReturnsIdenticalResults_WithoutCallingInnerModel()
    {
        var cache = new InMemoryRequestCache();
        var inner = new CountingModel(TestModels.Reference(TestModels.Nano));
        using var model = new CachingLanguageModel(inner, cache);
        LogLikelihoodRequest[] requests = [new("", " The cat sleeps."), new("", " The cat sleep."), new("", " The cat sleeps.")];
        GenerationRequest[] prompts = [new(TestModels.Prompt, 6)];

        var first = await model.LogLikelihoodAsync(requests);
        var firstText = await model.GenerateAsync(prompts);
        var callsAfterFirst = inner.Calls;
        var second = await model.LogLikelihoodAsync(requests);
        var secondText = await model.GenerateAsync(prompts);

        Assert.Equal((2, 2), (callsAfterFirst, inner.Calls));
        // Two distinct sentences and one prompt reached the model, once each.
        Assert.Equal(3, inner.RequestsSeen);
        Assert.Equal(3, cache.Count);
        for (var i = 0; i < requests.Length; i++)
        {
            Assert.Equal(first[i].LogProb, second[i].LogProb);
            Assert.Equal(first[i].TokenCount, second[i].TokenCount);
            Assert.Equal(first[i].IsGreedy, second[i].IsGreedy);
            Assert.Equal(first[i].TokenLogProbs, second[i].TokenLogProbs);
        }
        Assert.Equal(firstText[0].Text, secondText[0].Text);
        Assert.Equal(firstText[0].TokenIds, secondText[0].TokenIds);
        Assert.Equal(firstText[0].TokenLogProbs, secondText[0].TokenLogProbs);
    }

    [Fact]
    public void Key_ChangesWithContentKindAndDecodingParameters()
    {
        using var model = TestModels.Reference(TestModels.Nano);
        var info = model.Info;
        var greedy = new GenerationRequest("Hello", 8);

        string[] keys =
        [
            RequestCacheKey.For(info, greedy),
            RequestCacheKey.For(info, greedy with { Temperature = 0.7 }),
            RequestCacheKey.For(info, greedy with { Seed = 1 }),
            RequestCacheKey.For(info, greedy with { StopSequences = ["\n"] }),
            RequestCacheKey.For(info, new LogLikelihoodRequest("Hel", "lo")),
            RequestCacheKey.For(info, new LogLikelihoodRequest("He", "llo")),
            RequestCacheKey.For(info, new LogLikelihoodRollingRequest("Hello")),
            RequestCacheKey.For(info with { Sha256 = "other" }, greedy),
        ];

        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(keys[0], RequestCacheKey.For(info, new GenerationRequest("Hello", 8)));
        Assert.Matches("^[0-9a-f]{64}$", keys[0]);
    }

    /// <summary>Passes requests to a real model and counts the calls and requests that reach it.</summary>
    private sealed class CountingModel(ILanguageModel inner) : ILanguageModel
    {
        public int Calls { get; private set; }

        public int RequestsSeen { get; private set; }

        public ModelInfo Info => inner.Info;

        public ExecutionProviderChoice Provider => inner.Provider;

        public Task<IReadOnlyList<LogLikelihoodResult>> LogLikelihoodAsync(IReadOnlyList<LogLikelihoodRequest> requests,
            IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            RequestsSeen += requests.Count;
            return inner.LogLikelihoodAsync(requests, requestsDone, cancellationToken);
        }

        public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests,
            IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            RequestsSeen += requests.Count;
            return inner.GenerateAsync(requests, requestsDone, cancellationToken);
        }

        public void Dispose() => inner.Dispose();
    }
}
