using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Data.Entities;
using Eval.Data.Queries;
using Eval.TestKit;

namespace Eval.Data.Tests;

/// <summary>
/// The summary's numbers mean what their labels say: the mean score averages only main metrics whose spec allows it
/// (never BLEU's 0-100 beside an accuracy), BLiMP's win rate does not count its Overall column beside the phenomena it
/// summarizes, and a model evaluated on fewer groups is marked incomplete.
/// </summary>
public sealed class LeaderboardMeaningTests
{
    private static readonly DateTime Start = new(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);

    // Reading the scenarios (BLiMP's 67,000 pairs) once for the class.
    private static readonly ScenarioCatalog Catalog = new(Repo.Scenarios);

    [Fact]
    public async Task MeanScore_AveragesOnlyAverageableMainMetrics_AndMarksAModelMissingGroups()
    {
        using var database = new TestDatabase();
        var leaderboard = new LeaderboardQuery(database.Factory(), Catalog);
        var model = await AddModelAsync(database, "m");
        await AddRunAsync(database, model, "blimp", ("accuracy", StatLevel.Overall, 0.6), ("accuracy", "binding", 0.6));
        // lm-eval's truthfulqa_gen: bleu_max and rouge*_max on 0-100; only bleu_acc (the main metric, a fraction) is a score.
        await AddRunAsync(database, model, "truthfulqa_gen", ("bleu_acc", StatLevel.Overall, 0.3), ("bleu_max", StatLevel.Overall, 40.0),
            ("rouge1_max", StatLevel.Overall, 55.0), ("rouge_l_acc", StatLevel.Overall, 0.5), ("bleu_diff", StatLevel.Overall, -3.0));
        // A second model, so that there are win rates in both groups.
        var other = await AddModelAsync(database, "n");
        await AddRunAsync(database, other, "blimp", ("accuracy", StatLevel.Overall, 0.7), ("accuracy", "binding", 0.7));
        await AddRunAsync(database, other, "truthfulqa_gen", ("bleu_acc", StatLevel.Overall, 0.2));

        var summary = (await leaderboard.GetAsync(LeaderboardQuery.SummaryGroup))!;
        var values = summary.Rows.Single(r => r.ModelId == model).Values;

        Assert.Equal(0.45, values[LeaderboardQuery.MeanScoreColumn].Value, 12);
        // Main scores that may be averaged: blimp, halueval_qa, truthfulqa_gen, truthfulqa_mc, bbq, winobias, winogender.
        Assert.Equal("incomplete: 2 of 7 main scores", values[LeaderboardQuery.MeanScoreColumn].Flag);
        Assert.Equal("incomplete: 2 of 4 groups", values[LeaderboardQuery.MeanWinRateColumn].Flag);
    }

    [Fact]
    public async Task BlimpWinRate_RanksThePhenomena_NotTheOverallColumnBesideThem()
    {
        using var database = new TestDatabase();
        var leaderboard = new LeaderboardQuery(database.Factory(), Catalog);
        var a = await AddModelAsync(database, "a");
        var b = await AddModelAsync(database, "b");
        // a is better overall but worse in the one phenomenon both have: its win rate over the phenomena is 0.
        await AddRunAsync(database, a, "blimp", ("accuracy", StatLevel.Overall, 0.9), ("accuracy", "binding", 0.4));
        await AddRunAsync(database, b, "blimp", ("accuracy", StatLevel.Overall, 0.5), ("accuracy", "binding", 0.6));

        var table = (await leaderboard.GetAsync("blimp"))!;
        var rate = table.Rows.Single(r => r.ModelId == a).Values[LeaderboardQuery.MeanWinRateColumn];

        Assert.Equal(0.0, rate.Value, 12);
        Assert.Equal(12, rate.Count);
    }

    [Fact]
    public async Task Columns_AreLabelledByTheirSpec_AndBookkeepingIsNotAColumn()
    {
        using var database = new TestDatabase();
        var leaderboard = new LeaderboardQuery(database.Factory(), Catalog);

        var columns = leaderboard.Columns("hallucination");

        Assert.DoesNotContain(columns, c => c.Metric is "truncated" or "max_tokens_reached");
        Assert.Equal("TruthfulQA (generation) BLEU max (0-100)", columns.Single(c => c.Id == "truthfulqa_gen.bleu_max").Label);
        Assert.True(columns.Single(c => c.Id == "truthfulqa_mc.mc2").IsMain);
        Assert.False(columns.Single(c => c.Id == "truthfulqa_mc.mc1").IsMain);
    }

    private static async Task<long> AddModelAsync(TestDatabase database, string name)
    {
        await using var db = database.CreateContext();
        var model = new ModelEntity { Name = name, Directory = "/x", Sha256 = name + "ab", TokenizerSha256 = "cd", CreatedAt = Start };
        db.Models.Add(model);
        await db.SaveChangesAsync();
        return model.Id;
    }

    private static async Task AddRunAsync(TestDatabase database, long modelId, string scenario, params (string Metric, string Key, double Mean)[] stats)
    {
        await using var db = database.CreateContext();
        var convention = Catalog.Get(scenario).DefaultConvention;
        var run = new RunEntity
        {
            ModelId = modelId, ScenarioId = scenario, ScenarioVersion = 1, RunKey = $"{scenario}@1:{modelId}", SpecJson = "{}", SpecHash = $"{scenario}{modelId}",
            Convention = convention, Status = RunStatus.Finished, Done = 10, Total = 10, Provider = "CPUExecutionProvider", FinishedAt = Start,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        foreach (var (metric, key, mean) in stats)
            db.RunStats.Add(new RunStatEntity
            {
                RunId = run.Id, Metric = metric, Level = key == StatLevel.Overall ? StatLevel.Overall : StatLevel.SubsetGroup, Key = key, Count = 10,
                Sum = mean * 10, Mean = mean, CiLow = mean, CiHigh = mean, Min = 0, Max = 1, SumSquares = mean * 10,
            });
        await db.SaveChangesAsync();
    }
}
