using Eval.Data.Queries;
using Eval.Web.Charts;
using Plotly.Blazor.Traces;

namespace Eval.Web.Tests;

/// <summary>Plotly renders a subset of HTML in text labels: a model's name must reach it as plain text, never as a link.</summary>
public sealed class ChartTextTests
{
    private const string Link = "<a href=\"https://evil.example\">click</a> & <b>bold</b>";
    private const string Escaped = "&lt;a href=\"https://evil.example\"&gt;click&lt;/a&gt; &amp; &lt;b&gt;bold&lt;/b&gt;";

    [Fact]
    public void AccuracyVsParameters_EscapesMarkupInModelNames()
    {
        LeaderboardColumn[] columns = [new("overall", "Overall", "accuracy", false, "blimp", "overall", "overall")];
        var table = new LeaderboardTable("blimp", columns,
        [
            new LeaderboardRow(Link, 1, "gpt", 395_008, "byte-level BPE", new Dictionary<string, LeaderboardCell> { ["overall"] = new(0.6, 0.5, 0.7, 1, 100, 6700) }),
            new LeaderboardRow("plain-name", 2, "gpt", 3_450_000, "byte-level BPE", new Dictionary<string, LeaderboardCell> { ["overall"] = new(0.7, 0.6, 0.8, 2, 100, 6700) }),
        ]);

        var traces = ModelCharts.AccuracyVsParameters(table, 2).Cast<Scatter>().ToList();

        Assert.Equal([Escaped], traces[0].TextArray);
        Assert.Equal(["plain-name"], traces[1].TextArray);
    }

    [Fact]
    public void EfficiencyPareto_EscapesMarkupInModelNames()
    {
        LeaderboardColumn[] speed = [new(EfficiencyParetoFigure.SpeedColumn, "Decode tokens/s", "decode_tokens_per_s", false, "efficiency", "overall", "overall")];
        LeaderboardColumn[] accuracy = [new(EfficiencyParetoFigure.AccuracyColumn, "Overall", "accuracy", false, "blimp", "overall", "overall")];
        LeaderboardCell Speed(double v) => new(v, v, v, 1, null, 3, "cpu-x");
        var efficiency = new LeaderboardTable("efficiency", speed,
        [
            new LeaderboardRow(Link, 1, "gpt", 1, "bpe", new Dictionary<string, LeaderboardCell> { [EfficiencyParetoFigure.SpeedColumn] = Speed(100) }),
        ]);
        var blimp = new LeaderboardTable("blimp", accuracy,
        [
            new LeaderboardRow(Link, 1, "gpt", 1, "bpe", new Dictionary<string, LeaderboardCell> { [EfficiencyParetoFigure.AccuracyColumn] = new(0.6, 0.5, 0.7, 2, 100, 6700) }),
        ]);

        var figure = EfficiencyParetoFigure.Build(efficiency, blimp, 1)!;

        Assert.Equal([Escaped], figure.Traces.Cast<Scatter>().Last().TextArray);
    }
}
