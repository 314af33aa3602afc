using Eval.Core.Models;
using Eval.Data.Caching;
using Eval.Inference.Onnx;
using Eval.TestKit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs.Tests;

/// <summary>
/// The request cache in a real SQLite file (migrated), in front of the real reference model: a repeated request
/// costs no model call, also after a restart; any change of model bytes, content or decoding parameters misses.
/// </summary>
public sealed class DatabaseRequestCacheTests
{
    private static readonly LogLikelihoodRequest[] Pairs = [new("", " The cat sleeps."), new("", " The cat sleep."), new("The dog", " barks.")];
    private static readonly LogLikelihoodRollingRequest[] Texts = [new("The cat sleeps on the mat.")];
    private static readonly GenerationRequest[] Prompts = [new("Once upon a time", 6), new("Once upon a time", 6, Temperature: 0.8, TopP: 0.9, Seed: 7)];

    [Fact]
    public async Task RepeatedRequests_AreServedFromTheDatabase_WithoutAModelCall_WithIdenticalResults_AfterARestart()
    {
        using var database = new TestDatabase();
        using var real = LoadNano();
        var counting = new CountingLanguageModel(real);
        var first = new CachingLanguageModel(counting, new DatabaseRequestCache(database.Factory()));

        var pairs = await first.LogLikelihoodAsync(Pairs);
        var texts = await first.LogLikelihoodRollingAsync(Texts);
        var prompts = await first.GenerateAsync(Prompts);
        Assert.Equal((3, 6), (counting.Calls, counting.RequestsSeen));
        Assert.Equal((0, 6), (first.Hits, first.Misses));
        await using (var db = database.CreateContext())
            Assert.Equal(6, await db.RequestCache.CountAsync());

        // A restart: no pooled connection survives, and a new cache opens the same file.
        SqliteConnection.ClearAllPools();
        var restarted = new CachingLanguageModel(counting, new DatabaseRequestCache(database.Factory()));
        var pairsAgain = await restarted.LogLikelihoodAsync(Pairs);
        var textsAgain = await restarted.LogLikelihoodRollingAsync(Texts);
        var promptsAgain = await restarted.GenerateAsync(Prompts);

        Assert.Equal((3, 6), (counting.Calls, counting.RequestsSeen));
        Assert.Equal((6, 0), (restarted.Hits, restarted.Misses));
        for (var i = 0; i < Pairs.Length; i++)
        {
            Assert.Equal(pairs[i].LogProb, pairsAgain[i].LogProb);
            Assert.Equal(pairs[i].TokenCount, pairsAgain[i].TokenCount);
            Assert.Equal(pairs[i].IsGreedy, pairsAgain[i].IsGreedy);
            Assert.Equal(pairs[i].Truncated, pairsAgain[i].Truncated);
            Assert.Equal(pairs[i].TokenLogProbs, pairsAgain[i].TokenLogProbs);
        }
        Assert.Equal(texts, textsAgain);
        for (var i = 0; i < Prompts.Length; i++)
        {
            Assert.Equal(prompts[i].Text, promptsAgain[i].Text);
            Assert.Equal(prompts[i].TokenIds, promptsAgain[i].TokenIds);
            Assert.Equal(prompts[i].TokenLogProbs, promptsAgain[i].TokenLogProbs);
            Assert.Equal(prompts[i].FinishReason, promptsAgain[i].FinishReason);
            Assert.Equal(prompts[i].PromptTokenCount, promptsAgain[i].PromptTokenCount);
            Assert.Equal(prompts[i].TokenLatenciesMs, promptsAgain[i].TokenLatenciesMs);
        }
        // The sampled prompt is its own entry: it did not come back as the greedy text.
        Assert.NotEqual(promptsAgain[0].TokenIds, promptsAgain[1].TokenIds);
    }

    [Fact]
    public async Task OtherModelBytes_OtherContent_OrOtherDecodingParameters_Miss()
    {
        using var database = new TestDatabase();
        using var real = LoadNano();
        var cache = new DatabaseRequestCache(database.Factory());
        var counting = new CountingLanguageModel(real);
        var model = new CachingLanguageModel(counting, cache);
        var pair = Pairs[0];
        var greedy = Prompts[0];
        await model.LogLikelihoodAsync([pair]);
        await model.GenerateAsync([greedy]);
        await model.LogLikelihoodRollingAsync(Texts);
        Assert.Equal(3, counting.RequestsSeen);

        var otherBytes = new CountingLanguageModel(real, real.Info with { Sha256 = new string('0', 64) });
        await new CachingLanguageModel(otherBytes, cache).LogLikelihoodAsync([pair]);
        var otherTokenizer = new CountingLanguageModel(real, real.Info with { TokenizerSha256 = new string('0', 64) });
        await new CachingLanguageModel(otherTokenizer, cache).GenerateAsync([greedy]);
        Assert.Equal((1, 1), (otherBytes.RequestsSeen, otherTokenizer.RequestsSeen));

        LogLikelihoodRequest[] otherPairs =
        [
            pair with { Continuation = " The cat slept." },
            pair with { Context = "Today" },
            pair with { Variant = ScoringVariant.WordL2R },
        ];
        GenerationRequest[] otherPrompts =
        [
            greedy with { Context = "Once upon a day" },
            greedy with { MaxTokens = 5 },
            greedy with { Temperature = 0.8 },
            greedy with { Temperature = 0.8, Seed = 1 },
            greedy with { Temperature = 0.8, TopP = 0.5 },
            greedy with { StopSequences = ["\n"] },
            greedy with { IgnoreEos = true },
        ];
        foreach (var request in otherPairs)
            await model.LogLikelihoodAsync([request]);
        foreach (var request in otherPrompts)
            await model.GenerateAsync([request]);
        await model.LogLikelihoodRollingAsync([new LogLikelihoodRollingRequest("The cat sleeps on a mat.")]);
        Assert.Equal(3 + otherPairs.Length + otherPrompts.Length + 1, counting.RequestsSeen);

        // Each is stored now: asked again, none reaches the model.
        var seen = counting.RequestsSeen;
        await model.LogLikelihoodAsync([pair, .. otherPairs]);
        await model.GenerateAsync([greedy, .. otherPrompts]);
        Assert.Equal(seen, counting.RequestsSeen);
    }

    [Fact]
    public async Task ConcurrentWritersOfTheSameKeys_AllSucceed_AndEachKeyIsStoredOnce()
    {
        using var database = new TestDatabase();
        var keys = Enumerable.Range(0, 200).Select(i => RequestCacheKey.Compute("model", "test", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
            new DatabaseRequestCache(database.Factory()).SetManyAsync(keys.ToDictionary(k => k, _ => $"writer {w}"))));

        await Task.WhenAll(writers);

        await using var db = database.CreateContext();
        var stored = await db.RequestCache.Select(e => new { e.KeyHash, e.ResultJson }).ToListAsync();
        Assert.Equal(keys.Order(StringComparer.Ordinal), stored.Select(e => e.KeyHash).Order(StringComparer.Ordinal));
        Assert.All(stored, e => Assert.Matches("^writer [0-7]$", e.ResultJson));
    }

    [Fact]
    public async Task StoringAKeyAnotherWriterStored_KeepsTheFirstResult_AndStoresTheRest()
    {
        using var database = new TestDatabase();
        var cache = new DatabaseRequestCache(database.Factory());
        await cache.SetManyAsync(new Dictionary<string, string> { ["a"] = "first" });

        // The batch's insert fails on "a" (unique index); "b" must still be stored, in a second insert.
        await new DatabaseRequestCache(database.Factory()).SetManyAsync(new Dictionary<string, string> { ["a"] = "second", ["b"] = "second" });

        var found = await cache.GetManyAsync(["a", "b", "c"]);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "first", ["b"] = "second" }, found);
    }

    private static OnnxLanguageModel LoadNano() =>
        OnnxLanguageModel.Load(Repo.ReferenceModel("gpt-nano-bpe4k"), new InferenceOptions { Device = InferenceOptions.Cpu });
}
