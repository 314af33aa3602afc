using Eval.Core.Efficiency;
using Eval.Core.Metrics;
using Eval.Core.Models;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.TestKit;

namespace Eval.Core.Tests.Efficiency;

/// <summary>The efficiency figures' arithmetic, on hand-computed values: percentiles, per-repetition rates, run metrics.</summary>
public sealed class EfficiencyArithmeticTests
{
    [Theory]
    [InlineData(0.5, 2.5)] // even count: the mean of the middle two (2 and 3)
    [InlineData(0.95, 3.85)] // h = 3 x 0.95 = 2.85: 3 + 0.85 x (4 - 3)
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    [InlineData(0.25, 1.75)] // h = 0.75: 1 + 0.75 x (2 - 1)
    public void Percentile_InterpolatesBetweenOrderStatistics(double q, double expected)
    {
        Assert.Equal(expected, Percentiles.Of([4, 1, 3, 2], q), 12);
    }

    [Fact]
    public void Percentile_OfOddCount_IsTheMiddleValue_AndIgnoresNaN()
    {
        Assert.Equal(5.0, Percentiles.Median([9, double.NaN, 5, 1]));
        Assert.Equal(7.0, Percentiles.Of([7], 0.95));
        Assert.True(double.IsNaN(Percentiles.Median([double.NaN])));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.Of([1.0], 1.5));
    }

    [Fact]
    public void Repetition_RatesComeFromTheEngineTimings()
    {
        // 128 prompt tokens, first token after 16 ms, then three tokens taking 2, 3 and 5 ms; 2 J over the generation.
        var result = new GenerationResult("abcd", [1, 2, 3, 4], [-1f, -1f, -1f, -1f], FinishReason.Length, 128, 16, [16, 2, 3, 5]);

        var m = RepetitionMeasurement.From(result, joules: 2.0);

        Assert.Equal(128, m.PromptTokens);
        Assert.Equal(4, m.GeneratedTokens);
        Assert.Equal(16, m.TtftMs);
        Assert.Equal(8000, m.PrefillTokensPerSecond, 9); // 128 / 0.016 s
        Assert.Equal(10.0 / 3, m.DecodeMsPerToken!.Value, 12); // (2 + 3 + 5) / 3
        Assert.Equal(300, m.DecodeTokensPerSecond!.Value, 9); // 3 / 0.010 s
        Assert.Equal(0.5, m.EnergyJoulesPerToken); // 2 J / 4 tokens
    }

    [Fact]
    public void Repetition_WithOneToken_HasNoDecodeFigures_AndNoEnergyWithoutAMeter()
    {
        var result = new GenerationResult("a", [1], [-1f], FinishReason.Length, 16, 4, [4]);

        var m = RepetitionMeasurement.From(result, joules: null);

        Assert.Equal(4000, m.PrefillTokensPerSecond, 9);
        Assert.Null(m.DecodeMsPerToken);
        Assert.Null(m.DecodeTokensPerSecond);
        Assert.Null(m.EnergyJoulesPerToken);
    }

    [Fact]
    public void RunMetrics_AreMediansP95sAndMaxima_AndEnergyIsAbsentWhenNoRepetitionMeasuredIt()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repo.Scenarios, "efficiency"));
        var rows = new[]
        {
            ("prompt_0016-01", 4.0, 100.0, 10.0),
            ("prompt_0016-02", 1.0, 300.0, 30.0),
            ("prompt_0016-03", 3.0, 200.0, 20.0),
            ("prompt_0016-04", 2.0, 400.0, 25.0),
        };
        var stats = rows.SelectMany(r => new[]
        {
            new InstanceStat(r.Item1, "prompt_016", null, EfficiencyMetrics.RepTtft, r.Item2),
            new InstanceStat(r.Item1, "prompt_016", null, EfficiencyMetrics.RepDecodeTokensPerSecond, r.Item3),
            new InstanceStat(r.Item1, "prompt_016", null, EfficiencyMetrics.RepModelMemory, r.Item4),
            new InstanceStat(r.Item1, "prompt_016", null, EfficiencyMetrics.RepParameters, 395008),
        });

        var summaries = StatAggregator.Aggregate(stats, KnownMetrics.For(scenario).Run);
        double Overall(string metric) => summaries.Single(s => s.Metric == metric && s.Level == StatLevel.Overall).Mean;

        Assert.Equal(2.5, Overall(EfficiencyMetrics.TtftP50), 12);
        Assert.Equal(3.85, Overall(EfficiencyMetrics.TtftP95), 12);
        Assert.Equal(250, Overall(EfficiencyMetrics.DecodeTokensPerSecond), 12);
        Assert.Equal(30, Overall(EfficiencyMetrics.ModelMemoryBytes));
        Assert.Equal(395008, Overall(EfficiencyMetrics.Parameters));
        Assert.DoesNotContain(summaries, s => s.Metric == EfficiencyMetrics.EnergyPerToken);
        Assert.Equal(2.5, summaries.Single(s => s.Metric == EfficiencyMetrics.TtftP50 && s.Key == "prompt_016").Mean, 12);
    }

    [Theory]
    [InlineData("parameters", true)]
    [InlineData("file_bytes", true)]
    [InlineData("model_memory_bytes", true)]
    [InlineData("ttft_ms_p95", true)]
    [InlineData("decode_ms_per_token_p50", true)]
    [InlineData("energy_j_per_token", true)]
    [InlineData("prefill_tokens_per_s", false)]
    [InlineData("decode_tokens_per_s", false)]
    public void Direction_LowerIsBetterExceptThroughput(string metric, bool lowerIsBetter)
    {
        Assert.Equal(lowerIsBetter, MetricDirection.Of(metric).LowerIsBetter);
        Assert.Null(MetricDirection.Of(metric).Ideal);
    }

    [Fact]
    public void PeakMemory_ParsesProcStatusKilobytes()
    {
        Assert.Equal(13508L * 1024, ProcessMemory.ParseKilobytes("\t   13508 kB"));
        Assert.Null(ProcessMemory.ParseKilobytes("13508"));
    }

    [Fact]
    public void PeakMemory_IsReadWhereProcExists()
    {
        // Linux CI: /proc/self/status has VmHWM; elsewhere the figure is absent rather than guessed.
        Assert.Equal(File.Exists("/proc/self/status"), ProcessMemory.PeakBytes() is > 0);
    }
}
