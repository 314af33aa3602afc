using Eval.Data.Entities;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Tests;

public sealed class DatabaseRoundTripTests
{
    [Fact]
    public async Task Migrate_CreatesEveryTable_InARealSqliteFile()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();

        var applied = await db.Database.GetAppliedMigrationsAsync();

        Assert.True(File.Exists(database.File));
        Assert.Contains(applied, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task SaveAndReload_KeepsModelRunResponsesAndStats_AcrossConnections()
    {
        using var database = new TestDatabase();
        long runId;
        await using (var db = database.CreateContext())
        {
            var model = new ModelEntity { Name = "m", Directory = "/x", Sha256 = "ab", TokenizerSha256 = "cd", Parameters = 395008, CreatedAt = new DateTime(2026, 11, 26, 0, 0, 0, DateTimeKind.Utc) };
            var run = new RunEntity
            {
                Model = model, ScenarioId = "blimp", ScenarioVersion = 1, RunKey = "blimp@1:model=ab", SpecJson = "{}", SpecHash = "h",
                Convention = "eot_space", SamplePerSubset = 2, Status = RunStatus.Finished, Done = 1, Total = 1, Provider = "CPUExecutionProvider",
            };
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
            db.Responses.Add(new ResponseEntity { RunId = runId, InstanceId = "i-0", RequestIndex = 0, Prompt = "", Continuation = " Café naïve — “quoted”", LogProb = -42.456331854269893, TokenCount = 9, IsGreedy = false });
            db.InstanceStats.Add(new InstanceStatEntity { RunId = runId, InstanceId = "i-0", Subset = "s", SubsetGroup = "g", Metric = "accuracy", Value = 1 });
            db.RunStats.Add(new RunStatEntity { RunId = runId, Metric = "accuracy", Level = "overall", Key = "overall", Count = 1, Sum = 1, Mean = 1, CiLow = 1, CiHigh = 1, Min = 1, Max = 1, SumSquares = 1 });
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var stored = await read.Runs.Include(r => r.Model).Include(r => r.Stats).SingleAsync(r => r.Id == runId);
        var response = await read.Responses.SingleAsync(r => r.RunId == runId);

        Assert.Equal("m", stored.Model!.Name);
        Assert.Equal(395008, stored.Model.Parameters);
        Assert.Equal(2, stored.SamplePerSubset);
        Assert.Equal(" Café naïve — “quoted”", response.Continuation);
        Assert.Equal(-42.456331854269893, response.LogProb);
        Assert.Single(stored.Stats);
    }

    [Fact]
    public async Task SaveResponse_Twice_IsRefusedByTheUniqueIndex_AndTheFirstStays()
    {
        using var database = new TestDatabase();
        await using var db = database.CreateContext();
        var run = new RunEntity
        {
            Model = new ModelEntity { Name = "m", Directory = "/x", Sha256 = "ab", TokenizerSha256 = "cd" },
            ScenarioId = "blimp", RunKey = "k", SpecJson = "{}", SpecHash = "h", Convention = "eot_space",
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        var runId = run.Id;
        db.Responses.Add(new ResponseEntity { RunId = runId, InstanceId = "i", RequestIndex = 0, Prompt = "", Continuation = "a", LogProb = -1 });
        await db.SaveChangesAsync();

        await using var second = database.CreateContext();
        second.Responses.Add(new ResponseEntity { RunId = runId, InstanceId = "i", RequestIndex = 0, Prompt = "", Continuation = "b", LogProb = -2 });
        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());

        await using var read = database.CreateContext();
        Assert.Equal("a", (await read.Responses.SingleAsync()).Continuation);
    }
}
