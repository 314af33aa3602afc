using Eval.Core.Models;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>Batching, prefix sharing and the in-graph scoring head change the speed, never the scores.</summary>
public sealed class BatchScorerTests
{
    private static readonly LogLikelihoodRequest[] Requests =
    [
        new("", " The cat sleeps on the mat."),
        new("", " The cat sleep on the mat."),
        new("", " The cats sleep on the mat."),
        new("", " The cat sleeps on the mat."),
        new("The cat", " sleeps"),
        new("The cat", " sleeps on the mat."),
        new("", " A dog barked."),
        new("Question: what sleeps on the mat? Answer:", " the cat"),
        new("", ""),
    ];

    [Theory]
    [InlineData(false, true, 0)]
    [InlineData(true, false, 0)]
    [InlineData(true, true, 8)]
    [InlineData(false, false, 16)]
    public async Task Scores_DoNotDependOnBatchingOrSharing(bool share, bool inGraph, int maxBatchTokens)
    {
        using var reference = TestModels.Reference(TestModels.Nano);
        using var model = TestModels.Reference(TestModels.Nano, o =>
        {
            o.SharePrefixes = share;
            o.ScoreInGraph = inGraph;
            o.MaxBatchTokens = maxBatchTokens;
        });

        var expected = await reference.LogLikelihoodAsync(Requests);
        var actual = await model.LogLikelihoodAsync(Requests);

        for (var i = 0; i < Requests.Length; i++)
        {
            Assert.Equal(expected[i].TokenCount, actual[i].TokenCount);
            Assert.Equal(expected[i].IsGreedy, actual[i].IsGreedy);
            Assert.Equal(expected[i].LogProb, actual[i].LogProb, 4);
        }
    }

    [Fact]
    public async Task IdenticalRequests_GetIdenticalScores_WhereverTheyFall()
    {
        using var model = TestModels.Reference(TestModels.Nano);

        var results = await model.LogLikelihoodAsync(Requests);

        Assert.Equal(results[0].LogProb, results[3].LogProb);
        Assert.Equal(results[0].TokenLogProbs, results[3].TokenLogProbs);
        Assert.Equal(0.0, results[8].LogProb);
        Assert.Equal(0, results[8].TokenCount);
    }

    [Fact]
    public void Planner_GroupsSequencesSharingAPrefix()
    {
        TokenSequence[] sequences =
        [
            new([0], [5, 6, 7, 8]),
            new([0], [9, 9]),
            new([0], [5, 6, 7, 1, 2]),
        ];

        var groups = PrefixPlanner.Plan(sequences);

        // Sequences 0 and 2 share bos + 5 6 7: the prefix stops one short, so its last target (7) is shared.
        var pair = Assert.Single(groups, g => g.Members.Length == 2);
        Assert.Equal([0, 2], pair.Members.Order());
        Assert.Equal(3, pair.PrefixLength);
        Assert.Equal(sequences[1].InputLength, Assert.Single(groups, g => g.Members.Length == 1).PrefixLength);
    }

    [Fact]
    public void BatchTokens_FollowTheLogitsBudget_WhenAuto()
    {
        var options = new InferenceOptions { MaxBatchTokens = 0, LogitsMemoryBudgetBytes = 16L << 20 };

        Assert.Equal(512, options.BatchTokens(8192));
        Assert.Equal(1024, options.BatchTokens(4096));
        Assert.Equal(300, new InferenceOptions { MaxBatchTokens = 300 }.BatchTokens(8192));
    }
}
