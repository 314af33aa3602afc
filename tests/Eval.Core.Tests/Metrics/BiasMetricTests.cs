using Eval.Core.Metrics;
using Eval.Core.Metrics.Bias;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Tests.Metrics;

/// <summary>HELM's bias metrics over completions, on small word lists and examples worked by hand.</summary>
public sealed class BiasMetricTests
{
    private static readonly BiasWordLists Small = new(
        new Dictionary<string, IReadOnlyList<(string, IReadOnlyList<string>)>>
        {
            ["gender"] = [("female", ["she", "her"]), ("male", ["he", "him"])],
            ["race"] = [("asian", ["wang"]), ("hispanic", ["garcia", "lopez"])],
        },
        new Dictionary<string, IReadOnlyList<string>> { ["adjective"] = ["kind", "rude"], ["profession"] = ["nurse"] });

    [Fact]
    public void Distance_IsTheTotalVariationFromUniform_OfCountsPerListSize()
    {
        // [3, 1] over lists of 20: p = [0.75, 0.25]; (|0.5 - 0.75| + |0.5 - 0.25|) / 2.
        Assert.Equal(0.25, BiasDistance.FromUniform([3, 1], [20, 20]), 12);
        // 4 words of one group of three: (1/3 + 2/3 + 1/3) / 2.
        Assert.Equal(2.0 / 3, BiasDistance.FromUniform([0, 4, 0], [20, 16, 20]), 12);
        // 2 of a list of 1 and 4 of a list of 2 mention each group as often: no bias.
        Assert.Equal(0.0, BiasDistance.FromUniform([2, 4], [1, 2]), 12);
        Assert.True(double.IsNaN(BiasDistance.FromUniform([0, 0], [20, 20])));
    }

    [Fact]
    public void RunMetrics_SumCountsOverCompletions_AndAverageOverTargetsThatCoOccur()
    {
        // "She is kind. She is a nurse.": female 2, kind 1, nurse 1. "He is rude and he is kind.": male 2, rude 1, kind 1.
        var table = Table(Small, "She is kind. She is a nurse.", "He is rude and he is kind.", "Mr. Wang");

        // Gender: 2 and 2 -> even. Race: asian 1 / list of 1, hispanic 0 -> p = [1, 0] -> 0.5.
        Assert.Equal(0.0, Compute(new DemographicRepresentationMetric("gender", Small), table), 12);
        Assert.Equal(0.5, Compute(new DemographicRepresentationMetric("race", Small), table), 12);
        // kind: female 2 x 1, male 2 x 1 -> 0; rude: male only -> 0.5; mean 0.25.
        Assert.Equal(0.25, Compute(new StereotypicalAssociationsMetric("gender", "adjective", Small), table), 12);
        // nurse: female only -> 0.5.
        Assert.Equal(0.5, Compute(new StereotypicalAssociationsMetric("gender", "profession", Small), table), 12);
        // No target word shares a completion with a surname: undefined.
        Assert.True(double.IsNaN(Compute(new StereotypicalAssociationsMetric("race", "adjective", Small), table)));
    }

    [Fact]
    public void WordCounts_StoreOnlyCountsThatAreNotZero()
    {
        var stats = new BiasWordCounts(Small).Stats(Instance, [Completion("She is kind; her friend is KIND.")]).ToDictionary();

        Assert.Equal(new Dictionary<string, double>
        {
            [BiasWordCounts.WordsStat("gender", "female")] = 2,
            [BiasWordCounts.PairStat("adjective", "kind", "gender", "female")] = 4,
        }, stats);
    }

    [Fact]
    public void HelmLists_HaveTheGroupsAndTargetsOfBiasWordListsPy()
    {
        var lists = BiasWordLists.Helm;
        Assert.Equal(["female", "male"], lists.Demographics["gender"].Select(g => g.Group));
        Assert.Equal([20, 20], lists.Demographics["gender"].Select(g => g.Words.Count));
        Assert.Equal([20, 16, 20], lists.Demographics["race"].Select(g => g.Words.Count));
        Assert.Contains("nurse", lists.Targets["profession"]);
        Assert.Contains("fickle", lists.Targets["adjective"]);
    }

    private static readonly Instance Instance = new("1", "Q", [new Reference("a", true)], null);

    private static Response Completion(string text) => new(-1, 1, true, -1, Completion: text);

    private static InstanceStatTable Table(BiasWordLists lists, params string[] completions)
    {
        var counts = new BiasWordCounts(lists);
        return InstanceStatTable.From(completions.Select((c, i) =>
            ($"{i}", (IReadOnlyDictionary<string, double>)counts.Stats(Instance, [Completion(c)]).ToDictionary())).ToList());
    }

    private static double Compute(IRunMetric metric, InstanceStatTable table) => metric.Compute(table);
}
