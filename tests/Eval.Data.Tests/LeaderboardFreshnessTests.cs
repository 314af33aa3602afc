using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Data.Entities;
using Eval.Data.Queries;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Tests;

/// <summary>
/// The leaderboard keeps its cells between page views until the finished runs change: each change below must show on
/// the next view, through the same (long-lived) query object, as it would on a web host while workers finish runs.
/// </summary>
public sealed class LeaderboardFreshnessTests
{
    private static readonly DateTime Start = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task EveryChangeToTheFinishedRuns_ShowsOnTheNextView()
    {
        using var database = new TestDatabase();
        var leaderboard = new LeaderboardQuery(database.Factory(), new ScenarioCatalog(Repo.Scenarios));
        long modelId;
        await using (var db = database.CreateContext())
        {
            var model = new ModelEntity { Name = "m", Directory = "/x", Sha256 = "ab", TokenizerSha256 = "cd", CreatedAt = Start };
            db.Models.Add(model);
            await db.SaveChangesAsync();
            modelId = model.Id;
        }
        Assert.Null(await OverallAsync(leaderboard));

        var first = await AddFinishedRunAsync(database, modelId, "a", done: 10, accuracy: 0.5, Start.AddMinutes(1));
        Assert.Equal(0.5, await OverallAsync(leaderboard));
        Assert.Equal(0.5, await OverallAsync(leaderboard)); // Unchanged runs: the same cells again.

        // A run with more instances is the one shown.
        var bigger = await AddFinishedRunAsync(database, modelId, "b", done: 20, accuracy: 0.75, Start.AddMinutes(2));
        Assert.Equal(0.75, await OverallAsync(leaderboard));

        // Deleted: back to the first.
        await using (var db = database.CreateContext())
            await db.Runs.Where(r => r.Id == bigger).ExecuteDeleteAsync();
        Assert.Equal(0.5, await OverallAsync(leaderboard));

        // Finished again in place (a retry): new stats, a new finish time.
        await using (var db = database.CreateContext())
        {
            await db.RunStats.Where(s => s.RunId == first).ExecuteUpdateAsync(u => u.SetProperty(s => s.Mean, 0.625));
            await db.Runs.Where(r => r.Id == first).ExecuteUpdateAsync(u => u.SetProperty(r => r.FinishedAt, Start.AddMinutes(3)));
        }
        Assert.Equal(0.625, await OverallAsync(leaderboard));

        // Renamed model: models are read on every view.
        await using (var db = database.CreateContext())
            await db.Models.Where(m => m.Id == modelId).ExecuteUpdateAsync(u => u.SetProperty(m => m.Name, "renamed"));
        Assert.Equal("renamed", (await leaderboard.GetAsync("blimp"))!.Rows.Single().Model);
    }

    [Fact]
    public async Task TheDatabaseFile_IsInWalMode_AfterMigrating()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    private static async Task<double?> OverallAsync(LeaderboardQuery leaderboard)
    {
        var table = await leaderboard.GetAsync("blimp");
        return table!.Rows.Single().Values.TryGetValue(StatLevel.Overall, out var cell) ? cell.Value : null;
    }

    private static async Task<long> AddFinishedRunAsync(TestDatabase database, long modelId, string key, int done, double accuracy, DateTime finishedAt)
    {
        await using var db = database.CreateContext();
        var run = new RunEntity
        {
            ModelId = modelId, ScenarioId = "blimp", ScenarioVersion = 1, RunKey = "blimp@1:" + key, SpecJson = "{}", SpecHash = key,
            Convention = "eot_space", Status = RunStatus.Finished, Done = done, Total = done, Provider = "CPUExecutionProvider", FinishedAt = finishedAt,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        db.RunStats.Add(new RunStatEntity
        {
            RunId = run.Id, Metric = "accuracy", Level = StatLevel.Overall, Key = StatLevel.Overall, Count = done, Sum = accuracy * done,
            Mean = accuracy, CiLow = accuracy, CiHigh = accuracy, Min = 0, Max = 1, SumSquares = accuracy * done,
        });
        await db.SaveChangesAsync();
        return run.Id;
    }
}
