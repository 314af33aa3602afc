using Bunit;
using Eval.Data.Entities;
using Eval.Web.Components.Shared;

namespace Eval.Web.Tests;

/// <summary>The run page's stats: each metric named by its spec with the unit its values are written in (MetricFormat).</summary>
public sealed class StatsTableTests : BunitContext
{
    private static RunStatEntity Stat(string metric, double mean, double low, double high) => new()
    {
        RunId = 1, Metric = metric, Level = "overall", Key = "overall", Count = 3, Mean = mean, CiLow = low, CiHigh = high,
    };

    [Fact]
    public void EfficiencyStats_ShowMiBAndMilliseconds_UnderTheirSpecsLabels()
    {
        RunStatEntity[] stats =
        [
            Stat("model_memory_bytes", 12 * 1048576.0, 11 * 1048576.0, 13 * 1048576.0),
            Stat("ttft_ms_p50", 4.251, 4.0, 4.5),
            Stat("rep_ttft_ms", 4.2, 4.2, 4.2),
        ];

        var cut = Render<StatsTable>(p => p.Add(x => x.Stats, stats).Add(x => x.Level, "overall"));

        var memory = cut.Find("tr[data-metric=model_memory_bytes]");
        Assert.Equal("Model memory (MiB) model_memory_bytes", memory.Children[1].TextContent);
        Assert.Equal("12.0", memory.Children[3].TextContent);
        Assert.Equal("11.0–13.0", memory.Children[4].TextContent);
        var ttft = cut.Find("tr[data-metric=ttft_ms_p50]");
        Assert.Equal("Time to first token, median (ms) ttft_ms_p50", ttft.Children[1].TextContent);
        Assert.Equal("4.25", ttft.Children[3].TextContent);
        // A repetition's own figure is an input, downloadable, not a row here.
        Assert.Empty(cut.FindAll("tr[data-metric=rep_ttft_ms]"));
    }
}
