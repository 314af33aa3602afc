using Bunit;
using Eval.Data.Queries;
using Eval.Web.Components.Shared;

namespace Eval.Web.Tests;

public sealed class LeaderboardGridTests : BunitContext
{
    private static readonly LeaderboardTable Table = new("blimp",
    [
        new LeaderboardColumn("overall", "Overall", "accuracy", false, "blimp", "overall", "overall"),
        new LeaderboardColumn("binding", "Binding", "accuracy", false, "blimp", "subset_group", "binding"),
    ],
    [
        Row("a-model", 1, 0.60, 0.90),
        Row("b-model", 2, 0.70, 0.50),
        new LeaderboardRow("c-unscored", 3, "gpt", null, null, new Dictionary<string, LeaderboardCell>()),
    ]);

    private static LeaderboardRow Row(string name, long id, double overall, double binding) =>
        new(name, id, "gpt", 1000, "byte-level BPE", new Dictionary<string, LeaderboardCell>
        {
            ["overall"] = new(overall, overall - 0.05, overall + 0.05, id * 10, 100, 6700),
            ["binding"] = new(binding, binding - 0.1, binding + 0.1, id * 10, 100, 700),
        });

    private string[] ModelOrder(IRenderedComponent<LeaderboardGrid> cut) =>
        cut.FindAll("[data-testid=leaderboard-row]").Select(r => r.GetAttribute("data-model")!).ToArray();

    [Fact]
    public void Render_SortsByTheFirstColumn_BestFirst_UnscoredLast()
    {
        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, Table));

        Assert.Equal(["b-model", "a-model", "c-unscored"], ModelOrder(cut));
    }

    [Fact]
    public void ClickHeader_SortsByThatColumn_AndAgainReverses()
    {
        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, Table));

        cut.Find("[data-testid=sort-binding]").Click();
        Assert.Equal(["a-model", "b-model", "c-unscored"], ModelOrder(cut));

        cut.Find("[data-testid=sort-binding]").Click();
        Assert.Equal(["b-model", "a-model", "c-unscored"], ModelOrder(cut));
    }

    [Fact]
    public void Render_ShowsNotApplicable_ForAMaskedLmInAContinuationColumn()
    {
        var table = new LeaderboardTable("hallucination",
            [new LeaderboardColumn("truthfulqa_mc.mc1", "TruthfulQA mc1", "mc1", false, "truthfulqa_mc", "overall", "overall", NeedsContinuation: true)],
            [new LeaderboardRow("encoder", 1, "bert", 1, "byte-level BPE", new Dictionary<string, LeaderboardCell>(), "masked"),
             new LeaderboardRow("decoder", 2, "gpt", 1, "byte-level BPE", new Dictionary<string, LeaderboardCell>(), "causal")]);

        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, table));

        Assert.Equal("n/a", cut.Find("[data-model=encoder] [data-testid='cell-truthfulqa_mc.mc1']").TextContent.Trim());
        Assert.Equal("–", cut.Find("[data-model=decoder] [data-testid='cell-truthfulqa_mc.mc1']").TextContent.Trim());
    }

    [Fact]
    public void Render_MarksTheBestValue_AndShowsTheIntervalOnHover()
    {
        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, Table));

        var best = cut.FindAll("td.best[data-testid=cell-overall]");
        Assert.Single(best);
        Assert.Equal("0.700s", best[0].TextContent.Trim());
        Assert.Equal("0.700 (95% CI 0.650–0.750), n=6700, seeded sample of 100 per subset", best[0].GetAttribute("title"));
        Assert.Equal("/runs/20", best[0].QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void EmptyCells_OfAQueuedOrRunningRun_SayWhereTheirNumberWillComeFrom()
    {
        var table = Table with
        {
            Rows = [.. Table.Rows, new LeaderboardRow("d-running", 4, "gpt", null, null, new Dictionary<string, LeaderboardCell>())],
        };
        ActiveRun[] active =
        [
            new(31, 3, "c-unscored", "blimp", "queued", 0, 0, null, 100),
            new(41, 4, "d-running", "blimp", "running", 2680, 6700, DateTime.UtcNow, 100),
            new(42, 4, "d-running", "crows_pairs", "queued", 0, 0, null, 100),
        ];

        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, table).Add(x => x.Active, active));

        string Cell(string model, string column) =>
            cut.Find($"[data-model={model}] [data-testid=cell-{column}]").TextContent.Trim();
        Assert.Equal(["queued", "queued"], [Cell("c-unscored", "overall"), Cell("c-unscored", "binding")]);
        Assert.Equal("running 40%", Cell("d-running", "overall"));
        Assert.Equal("queued", cut.Find("[data-model=c-unscored] [data-testid=cell-overall]").GetAttribute("data-pending"));
        // Rows with results keep their numbers; no marker without an active run.
        Assert.Equal("0.600", cut.Find("[data-model=a-model] [data-testid=cell-overall] a").TextContent);
        Assert.Empty(cut.FindAll("[data-model=a-model] [data-pending]"));
    }

    [Fact]
    public void Render_ShowsAFlagBesideItsValue_AndNeverMarksAFlaggedCellBest()
    {
        var flagged = new LeaderboardCell(0.9, 0.9, 0.9, null, null, 2, Flag: "incomplete: 2 of 4 groups");
        var table = new LeaderboardTable("summary",
            [new LeaderboardColumn("mean_win_rate", "Mean win rate", "mean_win_rate", false, "", "overall", "mean_win_rate")],
            [new LeaderboardRow("partial", 1, "gpt", 1, null, new Dictionary<string, LeaderboardCell> { ["mean_win_rate"] = flagged }),
             new LeaderboardRow("complete", 2, "gpt", 1, null, new Dictionary<string, LeaderboardCell> { ["mean_win_rate"] = new(0.4, 0.4, 0.4, null, null, 4) }),
             new LeaderboardRow("other", 3, "gpt", 1, null, new Dictionary<string, LeaderboardCell> { ["mean_win_rate"] = new(0.3, 0.3, 0.3, null, null, 4) })]);

        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, table));

        Assert.Equal("incomplete: 2 of 4 groups", cut.Find("[data-model=partial] [data-testid=flag-mean_win_rate]").GetAttribute("title"));
        Assert.Equal("complete", Assert.Single(cut.FindAll("td.best")).ParentElement!.GetAttribute("data-model"));
    }

    [Fact]
    public void Render_NamesAMetricColumnBySpec_InItsHeaderTooltip()
    {
        var table = new LeaderboardTable("fairness",
            [new LeaderboardColumn("crows_pairs.pct_stereotype", "CrowS-Pairs Stereotype preference", "pct_stereotype", true, "crows_pairs", "overall", "overall", Ideal: 0.5)],
            [Row("a-model", 1, 0.5, 0.5)]);

        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, table));

        Assert.StartsWith("Stereotype preference (pct_stereotype):", cut.Find("[data-testid='sort-crows_pairs.pct_stereotype']").GetAttribute("title"));
        Assert.EndsWith("best at 0.5.", cut.Find("[data-testid='sort-crows_pairs.pct_stereotype']").GetAttribute("title"));
    }

    [Theory]
    // The same weights measured 3,304 tokens/s under a load of 4 on 2 processors and 6,322 on a quiet machine: tied best.
    [InlineData(4.0, new[] { "copy-a", "copy-b" })]
    // The same two figures both measured on a quiet machine: their spreads do not overlap, so only the faster is best.
    [InlineData(1.0, new[] { "copy-a" })]
    public void Render_MarksMeasuredFiguresTooCloseToTheBestToRankApart_AsTiedBest(double loadOfCopyB, string[] best)
    {
        // Wide 95% intervals overlapping everything: the tie rule reads the repetitions' spread and the load, not them.
        LeaderboardRow Measured(string name, long id, double value, double low, double high, double load) =>
            new(name, id, "gpt", 1, null, new Dictionary<string, LeaderboardCell>
            {
                ["efficiency.decode_tokens_per_s"] = new(value, 0, 10000, id, null, 10, "cpu",
                    Spread: new Eval.Core.Efficiency.MeasuredSpread(low, high, "p25-p75"), LoadAverage: load, LogicalCpus: 2),
            });
        var table = new LeaderboardTable("efficiency",
            [new LeaderboardColumn("efficiency.decode_tokens_per_s", "Efficiency Decode throughput (tokens/s)", "decode_tokens_per_s", false, "efficiency", "overall", "overall",
                Measured: true)],
            [Measured("copy-a", 1, 6322, 6250, 6400, 0.9), Measured("copy-b", 2, 3304, 3250, 3350, loadOfCopyB), Measured("slow", 3, 900, 850, 950, 0.9)]);

        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, table));

        Assert.Equal(best, cut.FindAll("td.best").Select(c => c.ParentElement!.GetAttribute("data-model")!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ScenarioColumns_LinkToTheirScenariosPage_ComputedOnesDoNot()
    {
        var table = Table with
        {
            Columns = [.. Table.Columns, new LeaderboardColumn("mean_win_rate", "Mean win rate", "mean_win_rate", false, "", "overall", "mean_win_rate")],
        };

        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, table));

        Assert.Equal("/scenarios/blimp", cut.Find("[data-testid=scenario-link-overall]").GetAttribute("href"));
        Assert.Equal("/scenarios/blimp", cut.Find("[data-testid=scenario-link-binding]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=scenario-link-mean_win_rate]"));
        // The sort stays a button of its own: the link is beside it, not inside it.
        Assert.Empty(cut.FindAll("button a"));
    }

    [Fact]
    public void PublishedResults_FollowTheRows_InTheSameColumns()
    {
        Eval.Core.Scenarios.Blimp.PublishedResult[] published =
            [new("GPT-2 (Warstadt et al.)", "Warstadt et al. 2020", new Dictionary<string, double> { ["overall"] = 0.801, ["binding"] = 0.873 })];

        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, Table).Add(x => x.Published, published));

        // One table: the published body is under the same header cells as the rows above it.
        Assert.Single(cut.FindAll("table"));
        var headers = cut.FindAll("thead th").Select(h => h.QuerySelector("button")!.GetAttribute("data-testid")).ToList();
        var row = cut.Find("[data-testid=published-row]");
        var cells = row.Children.ToList();
        Assert.Equal("GPT-2 (Warstadt et al.)", cells[0].TextContent);
        Assert.Equal("0.801", cells[headers.IndexOf("sort-overall")].TextContent);
        Assert.Equal("0.873", cells[headers.IndexOf("sort-binding")].TextContent);
        Assert.Contains("Warstadt et al. 2020", cut.Find("[data-testid=published] tr.group-header").TextContent);
        // Never ranked: not among the sorted rows, never marked best.
        Assert.Equal(["b-model", "a-model", "c-unscored"], ModelOrder(cut));
        Assert.Empty(cut.FindAll("[data-testid=published] td.best"));
    }

    [Fact]
    public void MetricHeaders_NameTheScenarioAboveTheMetricAndItsUnit_WhereATabHasSeveralScenarios()
    {
        var table = new LeaderboardTable("hallucination",
        [
            new LeaderboardColumn("truthfulqa_mc.mc2", "TruthfulQA (MC1, MC2) MC2", "mc2", false, "truthfulqa_mc", "overall", "overall", IsMain: true, ScenarioName: "TruthfulQA (MC1, MC2)"),
            new LeaderboardColumn("truthfulqa_gen.bleu_max", "TruthfulQA (generation) BLEU max (0-100)", "bleu_max", false, "truthfulqa_gen", "overall", "overall", ScenarioName: "TruthfulQA (generation)"),
        ],
        [Row("a-model", 1, 0.5, 0.5)]);

        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, table));

        Assert.Equal("TruthfulQA (MC1, MC2)", cut.Find("[data-testid='sort-truthfulqa_mc.mc2'] .scenario-name").TextContent);
        Assert.Equal("TruthfulQA (MC1, MC2)MC2 ▼", cut.Find("[data-testid='sort-truthfulqa_mc.mc2']").TextContent);
        Assert.Equal("TruthfulQA (generation)BLEU max (0-100)", cut.Find("[data-testid='sort-truthfulqa_gen.bleu_max']").TextContent);
        // The info link defines the metric and its direction, and opens the scenario's page.
        var info = cut.Find("[data-testid='scenario-link-truthfulqa_mc.mc2']");
        Assert.StartsWith("TruthfulQA (MC1, MC2): MC2 (mc2): Normalized probability mass", info.GetAttribute("title"));
        Assert.Contains("higher is better", info.GetAttribute("title"));
        Assert.Equal("/scenarios/truthfulqa_mc", info.GetAttribute("href"));
    }

    [Fact]
    public void EfficiencyFigures_ShowReadableUnits_UnderAHeaderRowPerHardware()
    {
        LeaderboardRow Measured(string name, long id, double memory, double speed, string hardware) =>
            new(name, id, "gpt", 1, null, new Dictionary<string, LeaderboardCell>
            {
                ["efficiency.model_memory_bytes"] = new(memory, memory, memory, id, null, 3, hardware),
                ["efficiency.ttft_ms_p50"] = new(speed, speed, speed, id, null, 3, hardware),
            });
        LeaderboardColumn Column(string metric, bool lower) =>
            new("efficiency." + metric, "Efficiency " + metric, metric, lower, "efficiency", "overall", "overall", Measured: true, ScenarioName: "Efficiency");
        var table = new LeaderboardTable("efficiency", [Column("model_memory_bytes", true), Column("ttft_ms_p50", true)],
        [
            Measured("cpu-a", 1, 12 * 1048576.0, 4.25, "2 x Xeon (CPUExecutionProvider)"),
            Measured("gpu-a", 2, 300 * 1048576.0, 0.5, "H100 (CUDAExecutionProvider)"),
            Measured("cpu-b", 3, 8 * 1048576.0, 12.5, "2 x Xeon (CPUExecutionProvider)"),
            new LeaderboardRow("waiting", 4, "gpt", 1, null, new Dictionary<string, LeaderboardCell>()),
        ]);

        var cut = Render<LeaderboardGrid>(p => p.Add(x => x.Table, table));

        Assert.Equal("Model memory (MiB) ▼", cut.Find("[data-testid='sort-efficiency.model_memory_bytes']").TextContent);
        Assert.Equal("Time to first token, median (ms)", cut.Find("[data-testid='sort-efficiency.ttft_ms_p50']").TextContent);
        Assert.Equal("12.0", cut.Find("[data-model=cpu-a] [data-testid='cell-efficiency.model_memory_bytes'] a").TextContent);
        Assert.Equal("4.25", cut.Find("[data-model=cpu-a] [data-testid='cell-efficiency.ttft_ms_p50'] a").TextContent);
        Assert.StartsWith("4.25 ms (95% CI 4.25–4.25)", cut.Find("[data-model=cpu-a] [data-testid='cell-efficiency.ttft_ms_p50']").GetAttribute("title"));
        // Rows in body order: each hardware's header (most rows first), then its rows; unmeasured rows last.
        var order = cut.FindAll("tbody tr").Select(r => r.GetAttribute("data-model") ?? "# " + r.TextContent.Trim()).ToList();
        Assert.Equal(["# Measured on 2 x Xeon (CPUExecutionProvider)", "cpu-b", "cpu-a", "# Measured on H100 (CUDAExecutionProvider)", "gpu-a",
            "# Not measured yet", "waiting"], order);
    }
}
