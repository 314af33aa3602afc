using Eval.Core.Metrics;
using Eval.Core.Stats;

namespace Eval.Core.Tests.Stats;

public sealed class StatAggregatorTests
{
    private static readonly InstanceStat[] Stats =
    [
        new("a", "x", "g", "accuracy", 1), new("a", "x", "g", "acc_pro_stereotyped", 1),
        new("b", "x", "g", "accuracy", 0), new("b", "x", "g", "acc_anti_stereotyped", 0),
        new("c", "y", "g", "accuracy", 1), new("c", "y", "g", "acc_anti_stereotyped", 1),
        new("d", "y", "g", "accuracy", 1), new("d", "y", "g", "acc_pro_stereotyped", 1),
    ];

    [Fact]
    public void Aggregate_AveragesAnInstanceMetricOverTheInstancesItAppliesTo()
    {
        var summaries = StatAggregator.Aggregate(Stats);

        var anti = summaries.Single(s => s.Level == StatLevel.Overall && s.Metric == "acc_anti_stereotyped");
        Assert.Equal(2, anti.Count);
        Assert.Equal(0.5, anti.Mean);
    }

    [Fact]
    public void Aggregate_ComputesCorpusLevelMetrics_OverallPerSubsetAndPerGroup()
    {
        var gap = new MeanDifferenceMetric("stereotype_gap", "acc_pro_stereotyped", "acc_anti_stereotyped");

        var summaries = StatAggregator.Aggregate(Stats, [gap]).Where(s => s.Metric == "stereotype_gap").ToList();

        // overall: pro 1, anti 0.5 -> 0.5; x: pro 1, anti 0 -> 1; y: pro 1, anti 1 -> 0; group g = overall.
        Assert.Equal(0.5, summaries.Single(s => s.Level == StatLevel.Overall).Mean);
        Assert.Equal(1.0, summaries.Single(s => s.Level == StatLevel.Subset && s.Key == "x").Mean);
        Assert.Equal(0.0, summaries.Single(s => s.Level == StatLevel.Subset && s.Key == "y").Mean);
        Assert.Equal(0.5, summaries.Single(s => s.Level == StatLevel.SubsetGroup && s.Key == "g").Mean);
        Assert.All(summaries, s => Assert.True(s.CorpusLevel));
        Assert.Equal(4, summaries.Single(s => s.Level == StatLevel.Overall).Count);
    }

    [Fact]
    public void Aggregate_LeavesOutACorpusLevelMetric_WhereItIsUndefined()
    {
        InstanceStat[] onlyPro = [new("a", "x", null, "acc_pro_stereotyped", 1), new("b", "y", null, "acc_anti_stereotyped", 0)];
        var gap = new MeanDifferenceMetric("stereotype_gap", "acc_pro_stereotyped", "acc_anti_stereotyped");

        var summaries = StatAggregator.Aggregate(onlyPro, [gap]).Where(s => s.Metric == "stereotype_gap").ToList();

        Assert.Equal([StatLevel.Overall], summaries.Select(s => s.Level));
    }

    [Fact]
    public void Aggregate_GivesTheSameResult_WhateverTheOrderOfTheStats()
    {
        var gap = new MeanDifferenceMetric("stereotype_gap", "acc_pro_stereotyped", "acc_anti_stereotyped");

        var forward = StatAggregator.Aggregate(Stats, [gap]);
        var backward = StatAggregator.Aggregate(Stats.Reverse(), [gap]);

        Assert.Equal(forward, backward);
    }
}
