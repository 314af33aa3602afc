using Eval.Core.Efficiency;
using Eval.Core.Metrics;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Data.Entities;
using Eval.Data.Queries;
using Eval.TestKit;

namespace Eval.Data.Tests;

/// <summary>
/// The efficiency leaderboard from stored repetitions (real SQLite): each measured cell carries its repetitions'
/// spread and the load it was measured under, and the mean win rate does not rank apart two copies of the same
/// weights whose figures differ only by the load they were measured under (scripted measurements: pure arithmetic).
/// </summary>
public sealed class EfficiencyLeaderboardTests
{
    private static readonly DateTime Start = new(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);
    private static readonly ScenarioCatalog Catalog = new(Repo.Scenarios);
    private const string Decode = "efficiency." + EfficiencyMetrics.DecodeTokensPerSecond;

    [Fact]
    public async Task Cells_CarryTheSpreadAndLoad_AndCopiesMeasuredUnderDifferentLoadTie()
    {
        using var database = new TestDatabase();
        var leaderboard = new LeaderboardQuery(database.Factory(), Catalog);
        var quiet = await AddMeasuredAsync(database, "copy-quiet", [6200, 6300, 6322, 6400], load: 0.9);
        var loaded = await AddMeasuredAsync(database, "copy-loaded", [3250, 3300, 3304, 3350], load: 4.0);
        var slow = await AddMeasuredAsync(database, "slow", [850, 900, 900, 950], load: 0.9);

        var table = (await leaderboard.GetAsync("efficiency"))!;
        LeaderboardCell Cell(long model, string column) => table.Rows.Single(r => r.ModelId == model).Values[column];

        var cell = Cell(loaded, Decode);
        Assert.Equal(3302, cell.Value, 12);
        Assert.Equal(new MeasuredSpread(3287.5, 3315.5, "p25-p75"), cell.Spread);
        Assert.Equal((4.0, 2), (cell.LoadAverage, cell.LogicalCpus));
        // Tied with the best: the same mean win rate, ahead of the slow model.
        Assert.Equal(0.75, Cell(quiet, LeaderboardQuery.MeanWinRateColumn).Value, 12);
        Assert.Equal(0.75, Cell(loaded, LeaderboardQuery.MeanWinRateColumn).Value, 12);
        Assert.Equal(0.0, Cell(slow, LeaderboardQuery.MeanWinRateColumn).Value, 12);
    }

    [Fact]
    public async Task TheSameFigures_MeasuredOnAQuietMachine_AreRankedApart()
    {
        using var database = new TestDatabase();
        var leaderboard = new LeaderboardQuery(database.Factory(), Catalog);
        var fast = await AddMeasuredAsync(database, "fast", [6200, 6300, 6322, 6400], load: 0.9);
        var slower = await AddMeasuredAsync(database, "slower", [3250, 3300, 3304, 3350], load: 1.0);

        var table = (await leaderboard.GetAsync("efficiency"))!;

        Assert.Equal(1.0, table.Rows.Single(r => r.ModelId == fast).Values[LeaderboardQuery.MeanWinRateColumn].Value, 12);
        Assert.Equal(0.0, table.Rows.Single(r => r.ModelId == slower).Values[LeaderboardQuery.MeanWinRateColumn].Value, 12);
    }

    /// <summary>A finished efficiency run whose repetitions measured these decode speeds, each after the given load, on 2 processors.</summary>
    private static async Task<long> AddMeasuredAsync(TestDatabase database, string name, double[] decodeTokensPerSecond, double load)
    {
        await using var db = database.CreateContext();
        var model = new ModelEntity { Name = name, Directory = "/x", Sha256 = name + "ab", TokenizerSha256 = "cd", CreatedAt = Start };
        db.Models.Add(model);
        await db.SaveChangesAsync();
        var scenario = Catalog.Get("efficiency");
        var run = new RunEntity
        {
            ModelId = model.Id, ScenarioId = scenario.Id, ScenarioVersion = scenario.Version, RunKey = $"efficiency@2:{model.Id}", SpecJson = "{}",
            SpecHash = $"efficiency{model.Id}", Convention = scenario.DefaultConvention, Status = RunStatus.Finished, Done = 4, Total = 4,
            Provider = "CPUExecutionProvider", Hardware = "test CPU (2 cores), CPUExecutionProvider", FinishedAt = Start,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        var stats = decodeTokensPerSecond.SelectMany((tps, i) => new[]
        {
            new InstanceStat($"prompt_0016-{i + 1:00}", "prompt_016", null, EfficiencyMetrics.RepDecodeTokensPerSecond, tps),
            new InstanceStat($"prompt_0016-{i + 1:00}", "prompt_016", null, EfficiencyMetrics.RepLoadAverage, load),
            new InstanceStat($"prompt_0016-{i + 1:00}", "prompt_016", null, EfficiencyMetrics.RepLogicalCpus, 2),
        }).ToList();
        db.InstanceStats.AddRange(stats.Select(s => new InstanceStatEntity
        {
            RunId = run.Id, InstanceId = s.InstanceId, Subset = s.Subset, Metric = s.Metric, Value = s.Value,
        }));
        db.RunStats.AddRange(StatAggregator.Aggregate(stats, KnownMetrics.For(scenario).Run).Select(s => new RunStatEntity
        {
            RunId = run.Id, Metric = s.Metric, Level = s.Level, Key = s.Key, Count = s.Count, Sum = s.Sum, SumSquares = s.SumSquares,
            Min = s.Min, Max = s.Max, Mean = s.Mean, CiLow = s.CiLow, CiHigh = s.CiHigh,
        }));
        await db.SaveChangesAsync();
        return model.Id;
    }
}
