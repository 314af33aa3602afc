using System.Text;
using System.Text.Json;
using Eval.Core.Models;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>Whole-text log-likelihood in lm-evaluation-harness's disjoint rolling windows.</summary>
public sealed class RollingLogLikelihoodTests
{
    [Fact]
    public async Task Rolling_TextLongerThanContext_EqualsSumOverItsWindows()
    {
        using var model = TestModels.Reference(TestModels.Nano);
        var text = LongText(160);
        var tokens = model.Tokenize(text);
        Assert.True(tokens.Length > 2 * model.Info.ContextLength, $"the text must span several windows ({tokens.Length} tokens)");

        var result = (await model.LogLikelihoodRollingAsync([new LogLikelihoodRollingRequest(text)]))[0];

        var windows = RollingWindows.Split(tokens, model.Info.BosTokenId, model.Info.ContextLength);
        var sum = 0.0;
        foreach (var window in windows)
            sum += model.ScoreTokens([window])[0].Total;
        Assert.Equal(sum, result.LogProb, 2);
        Assert.Equal(tokens.Length, result.TokenCount);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), result.ByteCount);
    }

    [Fact]
    public void Windows_PredictEveryTokenOnce_WithFullContextWherePossible()
    {
        var tokens = Enumerable.Range(100, 25).ToArray();

        var windows = RollingWindows.Split(tokens, prefixToken: 0, maxLength: 10);

        Assert.Equal(tokens, windows.SelectMany(w => w.Continuation));
        Assert.All(windows, w => Assert.True(w.InputLength <= 10));
        Assert.Equal([0], windows[0].Context);
        // lm-eval: a full window has the one token before it as context; the last, shorter one as much as fits.
        Assert.Equal([109], windows[1].Context);
        Assert.Equal(tokens[14..20], windows[2].Context);
        Assert.Equal(tokens[20..], windows[2].Continuation);
    }

    [Fact]
    public async Task Rolling_ShortText_EqualsLogLikelihoodWithEmptyContext()
    {
        using var model = TestModels.Reference(TestModels.Nano);
        const string text = "The quick brown fox jumps over the lazy dog.";

        var rolling = (await model.LogLikelihoodRollingAsync([new LogLikelihoodRollingRequest(text)]))[0];
        var plain = (await model.LogLikelihoodAsync([new LogLikelihoodRequest("", text)]))[0];

        Assert.Equal(plain.LogProb, rolling.LogProb, 4);
        Assert.Equal(plain.TokenCount, rolling.TokenCount);
    }

    [Fact]
    public void Perplexity_AndBitsPerByte_FollowHelmDefinitions()
    {
        var result = new LogLikelihoodRollingResult(LogProb: -20.0, TokenCount: 10, ByteCount: 40);

        Assert.Equal(Math.Exp(2.0), result.Perplexity, 12);
        Assert.Equal(20.0 / 40 / Math.Log(2), result.BitsPerByte, 12);
    }

    /// <summary>BLiMP sentences from the repository's scenario data, joined into one text.</summary>
    internal static string LongText(int sentences)
    {
        var file = Path.Combine(Repo.Scenarios, "blimp", "data", "adjunct_island.jsonl");
        var lines = File.ReadLines(file).Take(sentences)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("sentence_good").GetString());
        return string.Join(" ", lines);
    }
}
