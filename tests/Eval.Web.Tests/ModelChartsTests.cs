using Eval.Data.Entities;
using Eval.Data.Queries;
using Eval.Web.Charts;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace Eval.Web.Tests;

/// <summary>The figure data handed to Plotly (not pixels).</summary>
public sealed class ModelChartsTests
{
    [Fact]
    public void PhenomenonBars_HaveOneBarPerSubsetGroup_WithAsymmetricIntervals()
    {
        RunStatEntity[] stats =
        [
            new() { Metric = "accuracy", Level = "overall", Key = "overall", Mean = 0.6, CiLow = 0.55, CiHigh = 0.65 },
            new() { Metric = "accuracy", Level = "subset_group", Key = "npi_licensing", Mean = 0.4, CiLow = 0.3, CiHigh = 0.45 },
            new() { Metric = "accuracy", Level = "subset_group", Key = "binding", Mean = 0.7, CiLow = 0.6, CiHigh = 0.8 },
            new() { Metric = "accuracy", Level = "subset", Key = "adjunct_island", Mean = 0.9, CiLow = 0.8, CiHigh = 1 },
        ];

        var bar = Assert.IsType<Bar>(Assert.Single(ModelCharts.PhenomenonBars(stats)));

        Assert.Equal(["Binding", "NPI licensing"], bar.X.Cast<string>());
        Assert.Equal([0.7, 0.4], bar.Y.Cast<double>());
        Assert.Equal(0.1, (double)bar.ErrorY.Array[0], 10);
        Assert.Equal(0.05, (double)bar.ErrorY.Array[1], 10);
        Assert.Equal(0.1, (double)bar.ErrorY.ArrayMinus[1], 10);
    }

    [Fact]
    public void AccuracyVsParameters_DrawsThisModelApart_AndSkipsModelsWithoutBoth()
    {
        LeaderboardColumn[] columns = [new("overall", "Overall", "accuracy", false, "blimp", "overall", "overall")];
        LeaderboardRow Row(string name, long id, long? parameters, double? overall) => new(name, id, "gpt", parameters, "byte-level BPE",
            overall is { } v ? new Dictionary<string, LeaderboardCell> { ["overall"] = new(v, v, v, id, 100, 6700) } : new Dictionary<string, LeaderboardCell>());
        var table = new LeaderboardTable("blimp", columns,
            [Row("nano", 1, 395_008, 0.58), Row("mini", 2, 3_450_000, 0.65), Row("unsized", 3, null, 0.6), Row("unscored", 4, 1000, null)]);

        var traces = ModelCharts.AccuracyVsParameters(table, 2);

        var others = Assert.IsType<Scatter>(traces[0]);
        var self = Assert.IsType<Scatter>(traces[1]);
        Assert.Equal([395_008L], others.X.Cast<long>());
        Assert.Equal([0.58], others.Y.Cast<double>());
        Assert.Equal([3_450_000L], self.X.Cast<long>());
        Assert.Equal(["mini"], self.TextArray);
        // Only this model is labelled on the chart; the others' names come on hover.
        Assert.Equal(ModeFlag.Markers | ModeFlag.Text, self.Mode);
        Assert.Equal(ModeFlag.Markers, others.Mode);
        Assert.Equal(["nano"], others.TextArray);
        Assert.StartsWith("%{text}", others.HoverTemplate);
        // The largest model's label leans left, into the chart, instead of being cut at its right edge.
        Assert.Equal(TextPositionEnum.TopLeft, self.TextPosition);
        Assert.Equal(TextPositionEnum.TopRight, Assert.IsType<Scatter>(ModelCharts.AccuracyVsParameters(table, 1)[1]).TextPosition);
    }

    [Fact]
    public void LogTicks_AreOneTwoFiveOfEachDecade_LabelledWhole()
    {
        var (values, labels) = LogTicks.For([395_008, 3_450_000, 0, double.NaN]);

        Assert.Equal([1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7, 2e7, 5e7], values.Cast<double>());
        Assert.Equal(["100k", "200k", "500k", "1M", "2M", "5M", "10M", "20M", "50M"], labels.Cast<string>());
        Assert.Equal("1.5B", LogTicks.Label(1.5e9));
    }

    [Fact]
    public void LogTicks_ReadTheFiguresXValues_AndAreEmptyWithoutPositiveOnes()
    {
        LeaderboardColumn[] columns = [new("overall", "Overall", "accuracy", false, "blimp", "overall", "overall")];
        var table = new LeaderboardTable("blimp", columns,
        [
            new LeaderboardRow("nano", 1, "gpt", 395_008, "byte-level BPE", new Dictionary<string, LeaderboardCell> { ["overall"] = new(0.6, 0.6, 0.6, 1, 100, 6700) }),
            new LeaderboardRow("mini", 2, "gpt", 3_450_000, "byte-level BPE", new Dictionary<string, LeaderboardCell> { ["overall"] = new(0.7, 0.7, 0.7, 2, 100, 6700) }),
        ]);

        Assert.Equal([395_008.0, 3_450_000.0], LogTicks.XValues(ModelCharts.AccuracyVsParameters(table, 2)).Order());
        Assert.Empty(LogTicks.For([]).Values);
    }
}
