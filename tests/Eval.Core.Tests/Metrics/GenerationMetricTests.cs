using Eval.Core.Metrics;
using Eval.Core.Metrics.Generation;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Tests.Metrics;

/// <summary>sacrebleu-style sentence BLEU and rouge_score-style ROUGE on examples worked by hand.</summary>
public sealed class GenerationMetricTests
{
    [Fact]
    public void Bleu_IsHundred_ForAnIdenticalSentence()
    {
        Assert.Equal(100.0, SentenceBleu.Score("the cat sat on the mat", "the cat sat on the mat"), 10);
    }

    [Fact]
    public void Bleu_IsTheGeometricMeanOfClippedPrecisions_WithExpSmoothingOfAMissingOrder()
    {
        // 1-grams 5/6 (the x2, cat, on, mat), 2-grams 3/5 (the cat, on the, the mat), 3-grams 1/4 (on the mat),
        // 4-grams 0/3 -> exp smoothing: 100 / (2 * 3). Same length: no brevity penalty.
        var expected = Math.Pow(100.0 * 5 / 6 * 60.0 * 25.0 * (100.0 / 6), 0.25);

        Assert.Equal(expected, SentenceBleu.Score("the cat sat on the mat", "the cat is on the mat"), 10);
        Assert.Equal(37.99, expected, 2);
    }

    [Fact]
    public void Bleu_AppliesTheBrevityPenalty_ToAShortHypothesis()
    {
        // Every n-gram of the 4-token hypothesis matches; BP = exp(1 - 6/4).
        Assert.Equal(100.0 * Math.Exp(-0.5), SentenceBleu.Score("the cat sat on", "the cat sat on the mat"), 10);
    }

    [Fact]
    public void Bleu_IsZero_UnderFourTokens_AsSacrebleuWithoutEffectiveOrder()
    {
        Assert.Equal(0.0, SentenceBleu.Score("the cat", "the cat"));
        Assert.Equal(0.0, SentenceBleu.Score("", "the cat sat on the mat"));
    }

    [Fact]
    public void BleuTokenizer_SplitsPunctuationAndSymbols_ButNotDecimalPoints()
    {
        Assert.Equal(["Hello", ",", "world", "!"], SentenceBleu.Tokenize("Hello, world!"));
        // A full stop between a digit and the end of the text has no non-digit neighbour, so sacrebleu keeps it on.
        Assert.Equal(["It", "costs", "$", "3.5."], SentenceBleu.Tokenize("It costs $3.5."));
        Assert.Equal(["$", "3.5", "each", "."], SentenceBleu.Tokenize("$3.5 each."));
    }

    [Fact]
    public void RougeN_IsTheFMeasureOfClippedNGramOverlap()
    {
        Assert.Equal(100.0 * 5 / 6, Rouge.RougeN("the cat sat on the mat", "the cat is on the mat", 1), 10);
        Assert.Equal(60.0, Rouge.RougeN("the cat sat on the mat", "the cat is on the mat", 2), 10);
        // 1 of 2 predicted bigrams matches, 1 of 1 reference bigram: F = 2 * 0.5 * 1 / 1.5.
        Assert.Equal(100.0 * 2 / 3, Rouge.RougeN("a b c", "a b", 2), 10);
    }

    [Fact]
    public void Rouge_LowerCasesAndDropsPunctuation()
    {
        Assert.Equal(100.0, Rouge.RougeN("The Cat!", "the cat", 1), 10);
        Assert.Equal(100.0, Rouge.RougeLsum("The Cat!", "the cat"), 10);
    }

    [Fact]
    public void RougeL_IsTheLcsFMeasure_OnOneLine()
    {
        // LCS = "the cat on the mat" (5 of 6 tokens on each side).
        Assert.Equal(100.0 * 5 / 6, Rouge.RougeLsum("the cat sat on the mat", "the cat is on the mat"), 10);
        Assert.Equal(0.0, Rouge.RougeLsum("dog", "the cat"));
    }

    [Fact]
    public void RougeLsum_TakesTheUnionLcsOverThePredictionsLines()
    {
        // One line each, the LCS of [a b] and [b a] is 1 token: F = 0.5. With the prediction on two lines, the
        // reference line's LCS with "b" and with "a" together cover both tokens: F = 1.
        Assert.Equal(50.0, Rouge.RougeLsum("b a", "a b"), 10);
        Assert.Equal(100.0, Rouge.RougeLsum("b\na", "a b"), 10);
        // lm-eval turns " . " into a line break before scoring.
        Assert.Equal(100.0, Rouge.RougeLsum("b . a", "a b"), 10);
    }

    [Fact]
    public void OverlapMetrics_CompareTheBestTrueAndTheBestFalseReference()
    {
        var instance = new Instance("1", "Q", [
            new Reference("The cat sat on the mat.", true), new Reference("I have no comment.", true),
            new Reference("The dog sat on the log.", false)], null);
        var response = new Response(-3, 3, true, -3, Completion: " The cat sat on the mat.");
        // Against the false answer (7 tokens each, "." split off): 1-grams 5/7, 2-grams 2/6, 3-grams 1/5,
        // 4-grams 0/4 -> 100 / (2 * 4).
        var bleuFalse = Math.Pow(100.0 * 5 / 7 * (100.0 * 2 / 6) * 20.0 * 12.5, 0.25);

        double Score(string id) => KnownMetrics.TryCreate(id, KnownAdapters.Generation, out var m)
            ? ((IInstanceMetric)m).Score(instance, [response])!.Value : double.NaN;

        Assert.Equal(100.0, Score("bleu_max"), 10);
        Assert.Equal(100.0 - bleuFalse, Score("bleu_diff"), 10);
        Assert.Equal(1.0, Score("bleu_acc"));
        // ROUGE-L against the false answer: LCS "the sat on the" = 4 of 6 tokens.
        Assert.Equal(100.0 - 100.0 * 4 / 6, Score("rouge_l_diff"), 10);
        Assert.Equal(1.0, Score("rouge_l_acc"));
        // ROUGE-2 against the false answer: "sat on", "on the" of 5 bigrams each side = 40.
        Assert.Equal(100.0 - 40.0, Score("rouge2_diff"), 10);
    }

    [Fact]
    public void OverlapMetrics_DoNotApply_ToALogLikelihoodResponse()
    {
        var instance = new Instance("1", "Q", [new Reference("a", true), new Reference("b", false)], null);
        Assert.True(KnownMetrics.TryCreate("bleu_acc", KnownAdapters.Generation, out var metric));
        Assert.Null(((IInstanceMetric)metric).Score(instance, [Response.WithLogProb(-1)]));
    }
}
