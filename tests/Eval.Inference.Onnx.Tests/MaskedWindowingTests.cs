using Eval.Core.Models;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// Texts longer than the window are scored in windows: each token masked in a window that holds it, the special
/// tokens and as much context as fits. The scorer must give what the straightforward reference gives.
/// </summary>
public sealed class MaskedWindowingTests
{
    private static readonly string Directory = Repo.ReferenceModel(Repo.ReferenceEncoder);

    private const string Paragraph =
        "Once upon a time there was a little girl who lived in a village near the forest. Whenever she went out, " +
        "the little girl wore a red riding cloak, so everyone in the village called her Little Red Riding Hood. " +
        "One morning, she asked her mother if she could go to visit her grandmother as it had been a while since they had seen each other. " +
        "That's a good idea, her mother said. So they packed a nice basket for her to take to her grandmother.";

    private static readonly InferenceOptions Cpu = new() { Device = InferenceOptions.Cpu };

    [Fact]
    public async Task LogLikelihood_MatchesTheReference_ForATextLongerThanTheContext()
    {
        using var model = MaskedLanguageModel.Load(Directory, Cpu);
        using var reference = new StraightforwardPll(Directory, MaskedExpectedFixture.Load(Directory).MaskTokenId);
        const string text = Paragraph + " " + Paragraph;
        var sentence = model.TokenizeSentence(text);
        Assert.True(sentence.Ids.Length > model.Window + 50, $"the text has {sentence.Ids.Length} tokens; it must exceed the window");

        var result = (await model.LogLikelihoodAsync([new LogLikelihoodRequest("", text)]))[0];

        AssertTermsEqual(reference.Terms(sentence, model.Window), result);
    }

    [Theory]
    [InlineData(ScoringVariant.Default)]
    [InlineData(ScoringVariant.WordL2R)]
    public async Task LogLikelihood_MatchesTheReference_WhenASmallWindowIsForced(ScoringVariant variant)
    {
        const int window = 16;
        using var model = MaskedLanguageModel.Load(Directory, Cpu, window);
        using var reference = new StraightforwardPll(Directory, MaskedExpectedFixture.Load(Directory).MaskTokenId);
        var text = Paragraph[..200];
        var sentence = model.TokenizeSentence(text, variant);
        Assert.True(sentence.Ids.Length > 2 * window);

        var result = (await model.LogLikelihoodAsync([new LogLikelihoodRequest("", text, variant)]))[0];

        AssertTermsEqual(reference.Terms(sentence, window), result);
    }

    [Fact]
    public async Task LogLikelihood_IsUnchangedByTheWindow_WhenTheTextFitsIt()
    {
        using var full = MaskedLanguageModel.Load(Directory, Cpu);
        using var small = MaskedLanguageModel.Load(Directory, Cpu, 10);
        var request = new LogLikelihoodRequest("", "The cat sleeps on the mat.");
        Assert.Equal(10, full.Tokenize(request.Continuation).Length);

        var expected = (await full.LogLikelihoodAsync([request]))[0];
        var actual = (await small.LogLikelihoodAsync([request]))[0];

        Assert.Equal(expected.TokenLogProbs, actual.TokenLogProbs);
    }

    [Fact]
    public void Reference_MatchesTheExpectedProbes()
    {
        // Checks the reference itself against the independently computed fixture, so the tests above compare with something right.
        using var model = MaskedLanguageModel.Load(Directory, Cpu);
        var fixture = MaskedExpectedFixture.Load(Directory);
        using var reference = new StraightforwardPll(Directory, fixture.MaskTokenId);

        foreach (var probe in fixture.Probes)
        {
            var terms = reference.Terms(model.TokenizeSentence(probe.Text), model.Window);
            for (var k = 0; k < terms.Length; k++)
                Assert.True(Math.Abs(probe.LogProbs[k] - terms[k]) < 1e-4, $"'{probe.Text}' token {k}: expected {probe.LogProbs[k]}, reference {terms[k]}");
        }
    }

    [Theory]
    [InlineData(5, 16, 0, 0)]
    [InlineData(40, 14, 0, 0)]
    [InlineData(40, 14, 7, 0)]
    [InlineData(40, 14, 8, 1)]
    [InlineData(40, 14, 20, 13)]
    [InlineData(40, 14, 39, 26)]
    public void WindowStart_CentresTheToken_AsFarAsTheTextAllows(int innerCount, int fit, int k, int expected)
    {
        Assert.Equal(expected, MaskedRows.WindowStart(innerCount, fit, k));
    }

    private static void AssertTermsEqual(double[] expected, LogLikelihoodResult actual)
    {
        Assert.Equal(expected.Length, actual.TokenCount);
        for (var k = 0; k < expected.Length; k++)
            Assert.True(Math.Abs(expected[k] - actual.TokenLogProbs![k]) < 1e-4, $"token {k}: reference {expected[k]}, scorer {actual.TokenLogProbs![k]}");
        Assert.True(Math.Abs(expected.Sum() - actual.LogProb) < 1e-3, $"total: reference {expected.Sum()}, scorer {actual.LogProb}");
    }
}
