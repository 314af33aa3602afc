using Eval.Data.Entities;
using Bunit;
using Eval.Data.Queries;
using Eval.Web.Charts;
using Eval.Web.Components.Shared;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace Eval.Web.Tests;

/// <summary>The efficiency-vs-accuracy plot: the figure data handed to Plotly (not pixels), and what the section says.</summary>
public sealed class EfficiencyParetoTests : BunitContext
{
    private const string Cpu = "AMD EPYC, 2 cores, CPUExecutionProvider";
    private const string Gpu = "NVIDIA H100, AMD EPYC, 16 cores, CUDAExecutionProvider";

    private static readonly LeaderboardColumn Speed = new(EfficiencyParetoFigure.SpeedColumn, "Efficiency decode_tokens_per_s",
        "decode_tokens_per_s", false, "efficiency", "overall", "overall", NeedsContinuation: true, Measured: true);

    private static readonly LeaderboardColumn Overall = new("overall", "Overall", "accuracy", false, "blimp", "overall", "overall");

    private static LeaderboardRow Row(string name, long id, LeaderboardColumn column, double? value, string? hardware = null) =>
        new(name, id, "gpt", 1000, "byte-level BPE", value is { } v
            ? new Dictionary<string, LeaderboardCell> { [column.Id] = new(v, v, v, id * 10, null, 30, hardware) }
            : new Dictionary<string, LeaderboardCell>());

    // Four models with a speed, three of them on the same CPU; "echo" has no efficiency run.
    private static readonly LeaderboardTable Efficiency = new("efficiency", [Speed],
    [
        Row("alpha", 1, Speed, 100, Cpu), Row("bravo", 2, Speed, 300, Cpu), Row("charlie", 3, Speed, 200, Cpu),
        Row("delta", 4, Speed, 5000, Gpu), Row("echo", 5, Speed, null),
    ]);

    private static readonly LeaderboardTable Blimp = new("blimp", [Overall],
    [
        Row("alpha", 1, Overall, 0.70), Row("bravo", 2, Overall, 0.60), Row("charlie", 3, Overall, 0.55),
        Row("delta", 4, Overall, 0.90), Row("echo", 5, Overall, 0.80),
    ]);

    [Fact]
    public void Plot_PlacesModelsOfTheSameHardware_DrawsTheFront_AndHighlightsThisModel()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;

        var cut = Render<EfficiencyParetoPlot>(p => p.Add(x => x.Efficiency, Efficiency).Add(x => x.Accuracy, Blimp).Add(x => x.ModelId, 3));

        var data = cut.FindComponent<PlotlyChart>().Instance.Data;
        Assert.Equal(3, data.Count);
        var others = Assert.IsType<Scatter>(data[0]);
        var front = Assert.IsType<Scatter>(data[1]);
        var self = Assert.IsType<Scatter>(data[2]);
        Assert.Equal(["alpha", "bravo"], others.TextArray);
        Assert.Equal([100.0, 300.0], others.X.Cast<double>());
        Assert.Equal([0.70, 0.60], others.Y.Cast<double>());
        // charlie (200 tokens/s, 0.55) is beaten on both axes by bravo (300, 0.60): off the front.
        Assert.Equal("Pareto front", front.Name);
        Assert.Equal([100.0, 300.0], front.X.Cast<double>());
        Assert.Equal([0.70, 0.60], front.Y.Cast<double>());
        Assert.Equal(["charlie"], self.TextArray);
        Assert.Equal([200.0], self.X.Cast<double>());
        Assert.Equal([0.55], self.Y.Cast<double>());
        // delta was measured on a GPU: left out, and the page says so.
        Assert.Contains("1 measured on other hardware is left out", cut.Find("[data-testid=pareto-left-out]").TextContent);
        Assert.Contains(Cpu, cut.Find("[data-testid=pareto-hardware]").TextContent);
        // The axes say what they measure and in which unit, as the metric specs name them.
        var chart = cut.FindComponent<Eval.Web.Components.Shared.Chart>().Instance;
        Assert.Equal("Decode throughput (tokens/s)", chart.XTitle);
        Assert.Equal("BLiMP Accuracy (fraction of pairs, 0-1)", chart.YTitle);
    }

    [Fact]
    public void Plot_OfAModelWithoutEfficiencyResult_SaysSo_AndDrawsNothing()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;

        var cut = Render<EfficiencyParetoPlot>(p => p.Add(x => x.Efficiency, Efficiency).Add(x => x.Accuracy, Blimp).Add(x => x.ModelId, 5));

        Assert.NotNull(cut.Find("[data-testid=pareto-none]"));
        Assert.Empty(cut.FindComponents<PlotlyChart>());
    }

    [Fact]
    public void Plot_WithoutAPoint_SaysWhyForThisModel()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        RunEntity EfficiencyRun(long id, string status, string? error = null) => new()
        {
            Id = id, ScenarioId = "efficiency", Status = status, Error = error, Convention = "greedy", RunKey = $"k{id}", SpecJson = "{}", SpecHash = "",
        };
        string Shown(string? kind, params RunEntity[] runs) => Render<EfficiencyParetoPlot>(p => p.Add(x => x.Efficiency, Efficiency).Add(x => x.Accuracy, Blimp)
            .Add(x => x.ModelId, 5).Add(x => x.NoResult, EfficiencyAbsence.Explain(kind, runs))).Find("[data-testid=pareto-none]").TextContent;

        Assert.Equal("No efficiency result: this is a masked LM, which does not generate text, so its decoding speed is not measured.", Shown("masked"));
        Assert.Equal("No efficiency result: this model has no efficiency run (the efficiency group was not chosen for it).", Shown("causal"));
        Assert.Equal("No efficiency result yet: its efficiency run #8 is queued.", Shown(null, EfficiencyRun(8, RunStatus.Queued)));
        Assert.Equal("No efficiency result: its efficiency run #9 failed (out of memory).",
            Shown("causal", EfficiencyRun(8, RunStatus.Cancelled), EfficiencyRun(9, RunStatus.Failed, "out of memory")));
    }

    [Fact]
    public void Front_KeepsTiesAndOrdersByX()
    {
        // (1, 1) twice: neither beats the other strictly, both stay; (0, 0) is beaten; (0, 2) is best on y.
        var front = ParetoFront.Indices([(1, 1), (1, 1), (0, 2), (0, 0)]);

        Assert.Equal([2, 0, 1], front);
    }

    [Fact]
    public void HardwareNote_SaysWhenRowsComeFromDifferentMachines()
    {
        var cut = Render<HardwareNote>(p => p.Add(x => x.Table, Efficiency));

        Assert.Contains("These rows come from 2 different machines", cut.Find("[data-testid=hardware-differs]").TextContent);
        Assert.Equal([$"{Cpu}: 3 models", $"{Gpu}: 1 model"], cut.FindAll("[data-testid=hardware-item]").Select(li => li.TextContent.Trim()));
    }

    [Fact]
    public void HardwareNote_OfOneMachine_NamesIt_AndOfNoMeasurement_IsAbsent()
    {
        var one = Efficiency with { Rows = Efficiency.Rows.Where(r => r.Model != "delta").ToList() };

        var cut = Render<HardwareNote>(p => p.Add(x => x.Table, one));
        var none = Render<HardwareNote>(p => p.Add(x => x.Table, Blimp));

        Assert.Contains($"the same hardware: {Cpu}", cut.Find("[data-testid=hardware-note]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=hardware-differs]"));
        Assert.Empty(none.FindAll("[data-testid=hardware-note]"));
    }

    [Fact]
    public void Grid_ShowsEnergyUnavailable_ForAMeasuredRowWithoutIt_AndLargeFiguresWithoutDecimals()
    {
        var energy = new LeaderboardColumn("efficiency.energy_j_per_token", "Efficiency energy_j_per_token", "energy_j_per_token", true,
            "efficiency", "overall", "overall", NeedsContinuation: true, Measured: true);
        var table = new LeaderboardTable("efficiency", [Speed, energy], [Row("alpha", 1, Speed, 2385.9, Cpu), Row("echo", 5, Speed, null)]);

        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, table));

        var alpha = cut.Find("[data-model=alpha]");
        Assert.Equal("2,386", alpha.QuerySelector($"[data-testid='cell-{Speed.Id}'] a")!.TextContent);
        Assert.Equal("unavailable", alpha.QuerySelector($"[data-testid='cell-{energy.Id}']")!.TextContent);
        Assert.Equal("–", cut.Find("[data-model=echo]").QuerySelector($"[data-testid='cell-{energy.Id}']")!.TextContent);
    }
}
