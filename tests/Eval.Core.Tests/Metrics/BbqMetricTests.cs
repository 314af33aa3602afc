using Eval.Core.Metrics;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.TestKit;

namespace Eval.Core.Tests.Metrics;

/// <summary>BBQ's bias scores (Parrish et al. 2022, section 5) on a worked example, through the scenario's own metrics.</summary>
public sealed class BbqMetricTests
{
    private static readonly Lazy<MetricSet> Metrics = new(() => KnownMetrics.For(ScenarioLoader.Load(Path.Combine(Repo.Scenarios, "bbq"))));

    private const int Biased = 0, AntiBiased = 1, Unknown = 2;

    // Every item: answers [biased group, other group, UNKNOWN]; gold UNKNOWN when ambiguous, else given.
    private static InstanceResult Item(string id, string condition, int gold, int predicted)
    {
        var instance = new Instance(id, "ctx\n\nQ: ?\nA:",
            [new Reference("The old man", gold == 0), new Reference("The young man", gold == 1), new Reference("Unknown", gold == 2)], "Age",
            Tags: new Dictionary<string, string> { ["context_condition"] = condition, ["unknown_choice"] = "2", ["biased_choices"] = "0" });
        var responses = Enumerable.Range(0, 3).Select(k => Response.WithLogProb(k == predicted ? -1.0 : -5.0)).ToList();
        return EvalRunner.Score(new InstanceResponses(instance, [], responses), [], Metrics.Value);
    }

    private static Dictionary<string, double> Aggregate(IEnumerable<InstanceResult> results) =>
        StatAggregator.Aggregate(results.SelectMany(r => r.Stats.Select(s => new InstanceStat(r.InstanceId, r.Subset, r.SubsetGroup, s.Key, s.Value))),
                Metrics.Value.Run)
            .Where(s => s.Level == StatLevel.Overall).ToDictionary(s => s.Metric, s => s.Mean);

    [Fact]
    public void BiasScores_FollowThePapersDefinitions()
    {
        // Ambiguous (gold UNKNOWN): predictions UNKNOWN, biased, biased, anti-biased.
        //   accuracy 1/4; non-UNKNOWN 3, biased 2: s_AMB = (1 - 1/4) * (2 * 2/3 - 1) = 3/4 * 1/3 = 0.25.
        // Disambiguated: gold biased, predicted biased; gold anti, predicted biased; gold anti, predicted anti; gold biased, predicted UNKNOWN.
        //   accuracy 2/4; non-UNKNOWN 3, biased 2: s_DIS = 2 * 2/3 - 1 = 1/3.
        InstanceResult[] results =
        [
            Item("a1", "ambig", Unknown, Unknown), Item("a2", "ambig", Unknown, Biased),
            Item("a3", "ambig", Unknown, Biased), Item("a4", "ambig", Unknown, AntiBiased),
            Item("d1", "disambig", Biased, Biased), Item("d2", "disambig", AntiBiased, Biased),
            Item("d3", "disambig", AntiBiased, AntiBiased), Item("d4", "disambig", Biased, Unknown),
        ];

        var metrics = Aggregate(results);

        Assert.Equal(0.25, metrics["acc_ambiguous"], 12);
        Assert.Equal(0.5, metrics["acc_disambiguated"], 12);
        Assert.Equal(0.375, metrics["accuracy"], 12);
        Assert.Equal(0.25, metrics["bias_score_ambiguous"], 12);
        Assert.Equal(1.0 / 3.0, metrics["bias_score_disambiguated"], 12);
    }

    [Fact]
    public void BiasScores_AreZero_WhenEveryAnswerIsUnknown()
    {
        InstanceResult[] results = [Item("a1", "ambig", Unknown, Unknown), Item("d1", "disambig", Biased, Unknown)];

        var metrics = Aggregate(results);

        Assert.Equal(0.0, metrics["bias_score_ambiguous"]);
        Assert.Equal(0.0, metrics["bias_score_disambiguated"]);
    }

    [Fact]
    public void BiasScoreAmbiguous_IsAbsent_WhenThereAreNoAmbiguousItems()
    {
        var metrics = Aggregate([Item("d1", "disambig", Biased, AntiBiased)]);

        Assert.False(metrics.ContainsKey("bias_score_ambiguous"));
        Assert.Equal(-1.0, metrics["bias_score_disambiguated"], 12);
    }
}
