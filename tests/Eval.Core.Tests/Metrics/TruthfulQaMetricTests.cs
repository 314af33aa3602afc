using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Core.Scenarios.TruthfulQa;

namespace Eval.Core.Tests.Metrics;

public sealed class TruthfulQaMetricTests
{
    // mc1: true answer first, then two false; mc2: answers T1, F1, T2, F2 (true answers not all first).
    private static readonly Instance Question = new("q", "Q: ?\nA:",
    [
        new Reference("t", true, "mc1"), new Reference("f1", false, "mc1"), new Reference("f2", false, "mc1"),
        new Reference("T1", true, "mc2"), new Reference("F1", false, "mc2"), new Reference("T2", true, "mc2"), new Reference("F2", false, "mc2"),
    ], null);

    private static Response[] Responses(params double[] probabilities) => probabilities.Select(p => Response.WithLogProb(Math.Log(p))).ToArray();

    [Fact]
    public void Mc2_IsTheNormalisedMassOfTheTrueAnswers()
    {
        // mc2 answers with p = 0.4, 0.3, 0.2, 0.1 (already normalised): true mass = 0.4 + 0.2 = 0.6.
        var responses = Responses(0.5, 0.3, 0.2, 0.4, 0.3, 0.2, 0.1);

        Assert.Equal(0.6, new Mc2Metric().Score(Question, responses)!.Value, 12);
    }

    [Fact]
    public void Mc2_DoesNotUnderflow_WhenLogLikelihoodsAreVeryLow()
    {
        // exp(-2000) is 0 in double; shifted by the maximum, the true answers get 2 / (2 + 2e^-1).
        Response[] responses = [.. Enumerable.Repeat(Response.WithLogProb(-2000), 3),
            Response.WithLogProb(-2000), Response.WithLogProb(-2001), Response.WithLogProb(-2000), Response.WithLogProb(-2001)];

        var expected = 2.0 / (2.0 + 2.0 * Math.Exp(-1));
        Assert.Equal(expected, new Mc2Metric().Score(Question, responses)!.Value, 12);
    }

    [Fact]
    public void Mc1_IsOne_WhenTheTrueAnswerScoresHighest()
    {
        Assert.Equal(1.0, new Mc1Metric().Score(Question, Responses(0.5, 0.3, 0.2, 1, 1, 1, 1)));
        Assert.Equal(0.0, new Mc1Metric().Score(Question, Responses(0.3, 0.5, 0.2, 1, 1, 1, 1)));
    }

    [Fact]
    public void Mc1_IsOne_WhenEveryAnswerScoresTheSame()
    {
        // lm-eval's argmax takes the first of a tie, and the true answer is listed first (SCORING.md 4.2).
        var responses = Enumerable.Repeat(Response.WithLogProb(-3.0), 7).ToArray();

        Assert.Equal(1.0, new Mc1Metric().Score(Question, responses));
        Assert.Equal(0.5, new Mc2Metric().Score(Question, responses)!.Value, 12);
    }
}
