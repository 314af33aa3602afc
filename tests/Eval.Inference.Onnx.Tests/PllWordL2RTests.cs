using Eval.Core.Models;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>PLL-word-l2r (Kauf and Ivanova 2023): a token is scored with the rest of its word to its right masked too.</summary>
public sealed class PllWordL2RTests
{
    private static readonly string Directory = Repo.ReferenceModel(Repo.ReferenceEncoder);
    private const string Text = "The cat sleeps on the mat.";

    [Fact]
    public void TokenizeSentence_MasksTheRestOfTheWord_FromEachToken()
    {
        using var model = MaskedLanguageModel.Load(Directory, new InferenceOptions { Device = InferenceOptions.Cpu });

        // <s> The Ġcat Ġsleep s Ġon Ġthe Ġmat . </s>: "sleep" carries "s", and "mat" the "." (no Ġ before it).
        Assert.Equal([1, 1, 2, 1, 1, 1, 2, 1], model.TokenizeSentence(Text, ScoringVariant.WordL2R).MaskSpans);
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1], model.TokenizeSentence(Text).MaskSpans);
    }

    [Fact]
    public async Task LogLikelihood_DiffersFromPll_OnlyAtTokensFollowedByTheirWord()
    {
        using var model = MaskedLanguageModel.Load(Directory, new InferenceOptions { Device = InferenceOptions.Cpu });
        using var reference = new StraightforwardPll(Directory, MaskedExpectedFixture.Load(Directory).MaskTokenId);

        var results = await model.LogLikelihoodAsync(
            [new LogLikelihoodRequest("", Text), new LogLikelihoodRequest("", Text, ScoringVariant.WordL2R)]);

        var (pll, l2r) = (results[0].TokenLogProbs!, results[1].TokenLogProbs!);
        int[] sameWordFollows = [2, 6];
        for (var k = 0; k < pll.Count; k++)
            if (sameWordFollows.Contains(k))
                Assert.NotEqual(pll[k], l2r[k], 3);
            else
                Assert.Equal(pll[k], l2r[k], 5);
        var expected = reference.Terms(model.TokenizeSentence(Text, ScoringVariant.WordL2R), model.Window);
        for (var k = 0; k < expected.Length; k++)
            Assert.Equal(expected[k], l2r[k], 4);
    }
}
