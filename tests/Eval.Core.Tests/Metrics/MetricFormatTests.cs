using Eval.Core.Metrics;

namespace Eval.Core.Tests.Metrics;

/// <summary>Every page writes a value by its spec's scale, in a unit people read: MiB, ms, tokens/s, and labels say which.</summary>
public sealed class MetricFormatTests
{
    [Theory]
    [InlineData("model_memory_bytes", 4_300_000_000.0, "4,101 MiB")]
    [InlineData("file_bytes", 1_677_721.6, "1.6 MiB")]
    [InlineData("ttft_ms_p50", 12.5, "12.5 ms")]
    [InlineData("ttft_ms_p95", 3.14159, "3.14 ms")]
    [InlineData("decode_ms_per_token_p50", 1234.4, "1,234 ms")]
    [InlineData("decode_tokens_per_s", 3304.2, "3,304 tokens/s")]
    [InlineData("prefill_tokens_per_s", 42.24, "42.2 tokens/s")]
    [InlineData("parameters", 3342336, "3,342,336")]
    [InlineData("pct_stereotype", 0.44, "0.440")]
    [InlineData("bleu_max", 42.04, "42.0 (0-100)")]
    [InlineData("likelihood_diff", 7.3731, "7.373 nats")]
    [InlineData("energy_j_per_token", 0.012345, "0.0123 J/token")]
    public void WithUnit_WritesTheValueInTheShownUnit(string metric, double value, string expected)
    {
        Assert.Equal(expected, MetricFormat.WithUnit(MetricSpecs.Get(metric), value));
    }

    [Theory]
    [InlineData("ttft_ms_p50", "Time to first token, median (ms)")]
    [InlineData("decode_ms_per_token_p50", "Decode time per token, median (ms)")]
    [InlineData("model_memory_bytes", "Model memory (MiB)")]
    [InlineData("peak_memory_bytes", "Process peak memory (v1) (MiB)")]
    [InlineData("decode_tokens_per_s", "Decode throughput (tokens/s)")]
    [InlineData("mc2", "MC2")]
    public void Label_IsTheDisplayNameWithTheShownUnit(string metric, string expected)
    {
        Assert.Equal(expected, MetricFormat.Label(MetricSpecs.Get(metric)));
    }

    [Fact]
    public void Number_LeavesTheUnitToTheHeader_AndIntervalsUseTheSameUnit()
    {
        var memory = MetricSpecs.Get("model_memory_bytes");

        Assert.Equal("12.0", MetricFormat.Number(memory, 12 * 1024 * 1024));
        Assert.Equal("0.380–0.440", MetricFormat.Interval(MetricSpecs.Get("mc2"), 0.38, 0.44));
        Assert.Equal("–", MetricFormat.Number(MetricSpecs.Get("accuracy"), double.NaN));
    }
}
