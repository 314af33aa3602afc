using Bunit;
using Eval.Core.Scenarios;
using Eval.Data.Families;
using Eval.Data.Queries;
using Eval.TestKit;
using Eval.Web.Charts;
using Eval.Web.Components.Pages;
using Plotly.Blazor.Traces;

namespace Eval.Web.Tests;

/// <summary>The family page over stored checkpoints: order, learned-by table, one chart per group and per phenomenon; the band data given to Plotly.</summary>
public sealed class FamilyPageTests : BunitContext
{
    // Reading every scenario's instances takes seconds: once for the class.
    private static readonly Lazy<ScenarioCatalog> Catalog = new(() => new ScenarioCatalog(Repo.Scenarios));

    private readonly TestDatabase database = new();

    public FamilyPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var leaderboard = new LeaderboardQuery(database.Factory(), Catalog.Value);
        Services.AddSingleton(new FamilyQuery(database.Factory(), leaderboard, Catalog.Value));
    }

    private async Task StoreAsync()
    {
        // Stored final first: the page orders by position. Island effects: above chance from 10M, within the final interval from 100M.
        await StoredFamily.AddCheckpointAsync(database, "run-final", "run", 245_000_000, (0.74, 0.72, 0.76),
            new Dictionary<string, (double, double, double)> { ["island_effects"] = (0.74, 0.68, 0.80), ["ellipsis"] = (0.55, 0.49, 0.61) });
        await StoredFamily.AddCheckpointAsync(database, "run-1m", "run", 1_000_000, (0.52, 0.50, 0.54),
            new Dictionary<string, (double, double, double)> { ["island_effects"] = (0.52, 0.45, 0.59), ["ellipsis"] = (0.48, 0.42, 0.54) });
        await StoredFamily.AddCheckpointAsync(database, "run-10m", "run", 10_000_000, (0.61, 0.59, 0.63),
            new Dictionary<string, (double, double, double)> { ["island_effects"] = (0.60, 0.53, 0.67), ["ellipsis"] = (0.53, 0.47, 0.59) });
        await StoredFamily.AddCheckpointAsync(database, "run-100m", "run", 100_000_000, (0.70, 0.68, 0.72),
            new Dictionary<string, (double, double, double)> { ["island_effects"] = (0.71, 0.65, 0.77), ["ellipsis"] = (0.56, 0.50, 0.62) });
    }

    [Fact]
    public async Task Render_ListsCheckpointsInOrder_LearnedBy_AndAChartPerGroupAndPhenomenon()
    {
        await StoreAsync();

        var cut = Render<FamilyPage>(p => p.Add(x => x.Name, "run"));
        cut.WaitForElement("[data-testid=checkpoints]");

        Assert.Equal(["run-1m", "run-10m", "run-100m", "run-final"], cut.FindAll("[data-testid=checkpoint-row]").Select(r => r.GetAttribute("data-model")));
        Assert.Equal("10,000,000", cut.FindAll("[data-testid=checkpoint-row] td")[2].TextContent);
        string Learned(string column, string cell) => cut.Find($"[data-testid=learned-row][data-column={column}] [data-testid={cell}]").TextContent;
        Assert.Equal("run-10m (10,000,000 tokens)", Learned("island_effects", "above-chance"));
        Assert.Equal("run-100m (100,000,000 tokens)", Learned("island_effects", "within-final"));
        Assert.Equal("–", Learned("ellipsis", "above-chance"));
        Assert.Equal("run-10m (10,000,000 tokens)", Learned("ellipsis", "within-final"));
        // Overall: 1M's lower bound is 0.50, not above chance; only the final 0.74 lies in its own [0.72, 0.76].
        Assert.Equal("run-10m (10,000,000 tokens)", Learned("overall", "above-chance"));
        Assert.Equal("run-final (245,000,000 tokens)", Learned("overall", "within-final"));
        Assert.Contains("lower bound above chance", cut.Find("[data-testid=learned-by-method]").TextContent);
        Assert.Single(cut.FindAll("[data-testid=chart-group-blimp]"));
        Assert.Equal(2, cut.FindAll("[data-testid^=chart-phenomenon-]").Count);
        Assert.Equal("/api/families/run?format=csv", cut.Find("[data-testid=download-curves-csv]").GetAttribute("href"));
    }

    [Fact]
    public void Render_SaysNotFound_ForAFamilyWithoutModels()
    {
        var cut = Render<FamilyPage>(p => p.Add(x => x.Name, "nothing"));

        cut.WaitForElement("[data-testid=not-found]");
    }

    [Fact]
    public void Curves_DrawTheIntervalAsAClosedBand_AndTheValuesAsALine()
    {
        var curve = new LearningCurve("blimp", "overall", "Overall", "accuracy", true, false,
        [
            new CurvePoint(1, "a", 1000, 0.55, 0.50, 0.60, 11, null, 100),
            new CurvePoint(2, "b", 10000, 0.70, 0.66, 0.74, 12, null, 100),
        ]);

        var traces = FamilyCharts.Curve(curve);

        var band = Assert.IsType<Scatter>(traces[0]);
        var line = Assert.IsType<Scatter>(traces[1]);
        Assert.Equal([1000L, 10000L, 10000L, 1000L], band.X.Cast<long>());
        Assert.Equal([0.60, 0.74, 0.66, 0.50], band.Y.Cast<double>());
        Assert.Equal(Plotly.Blazor.Traces.ScatterLib.FillEnum.ToSelf, band.Fill);
        Assert.Equal([0.55, 0.70], line.Y.Cast<double>());
        Assert.Equal("Overall", line.Name);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        database.Dispose();
    }
}
