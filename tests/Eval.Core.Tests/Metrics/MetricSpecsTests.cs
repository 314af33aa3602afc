using Eval.Core.Metrics;
using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Core.Tests.Metrics;

/// <summary>The registry is checked, not trusted: every metric id has exactly one spec, and every spec names a real metric.</summary>
public sealed class MetricSpecsTests
{
    [Fact]
    public void EveryKnownMetric_HasASpec()
    {
        var missing = KnownMetrics.Ids.Where(id => !MetricSpecs.TryGet(id, out _)).Order(StringComparer.Ordinal).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void EverySpec_NamesAKnownMetric()
    {
        var orphans = MetricSpecs.All.Select(s => s.Id).Except(KnownMetrics.Ids).ToList();

        Assert.Empty(orphans);
    }

    [Fact]
    public void EveryRepositoryScenario_HasAShownMainMetric_AndSpecsForAllItsMetrics()
    {
        var catalog = new ScenarioCatalog(Repo.Scenarios);

        foreach (var scenario in catalog.All)
        {
            Assert.All(scenario.Metrics, m => Assert.True(MetricSpecs.TryGet(m, out _), $"{scenario.Id}: {m} has no spec"));
            Assert.Equal(MetricVisibility.Result, MetricSpecs.MainOf(scenario).Visibility);
        }
    }

    [Fact]
    public void Averageable_OnlyHigherIsBetterFractions()
    {
        var averageable = MetricSpecs.All.Where(s => s.Averageable).ToList();

        Assert.All(averageable, s => Assert.Equal((MetricScale.Fraction, false, (double?)null), (s.Scale, s.LowerIsBetter, s.Ideal)));
        Assert.Contains(averageable, s => s.Id == "bleu_acc");
        Assert.DoesNotContain(averageable, s => s.Id is "bleu_max" or "pct_stereotype" or "decode_tokens_per_s");
    }

    [Theory]
    [InlineData("pct_stereotype", true, 0.5)]
    [InlineData("bias_score_ambiguous", true, 0.0)]
    [InlineData("ece_10_bin", true, null)]
    [InlineData("accuracy", false, null)]
    [InlineData("demographic_representation_race", true, null)]
    public void Direction_ComesFromTheSpec(string metric, bool lowerIsBetter, double? ideal)
    {
        Assert.Equal(new MetricDirection(lowerIsBetter, ideal), MetricDirection.Of(metric));
    }

    [Fact]
    public void Format_ShowsTheUnit()
    {
        Assert.Equal("3,304 tokens/s", MetricSpecs.Get("decode_tokens_per_s").Format(3304.2));
        Assert.Equal("0.440", MetricSpecs.Get("pct_stereotype").Format(0.44));
        Assert.Equal("12.500 ms", MetricSpecs.Get("ttft_ms_p50").Format(12.5));
    }
}
