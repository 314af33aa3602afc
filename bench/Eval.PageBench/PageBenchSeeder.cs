using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.PageBench;

/// <summary>
/// Fills the database as a busy site would be: many models with many finished runs (with every stat), and one run
/// with every BLiMP instance and both responses each. Values are synthetic; the shapes and sizes are real.
/// </summary>
public sealed class PageBenchSeeder(IDbContextFactory<EvalDbContext> dbFactory, ScenarioCatalog catalog)
{
    public async Task<long> SeedAsync(int models, int runsPerModel, int bigRunInstances, TextWriter log)
    {
        var random = new Random(0);
        var instances = catalog.Instances("blimp");
        var subsets = instances.GroupBy(i => i.Subset!).Select(g => (Subset: g.Key, Group: g.First().SubsetGroup!)).ToList();
        var groups = subsets.Select(s => s.Group).Distinct().ToList();
        long bigRun = 0;
        for (var m = 0; m < models; m++)
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var model = new ModelEntity
            {
                Name = $"bench-model-{m:000}", Directory = "/nonexistent", Sha256 = $"{m:x8}".PadLeft(64, '0'), TokenizerSha256 = "0",
                Architecture = m % 2 == 0 ? "gpt" : "llama", TokenizerKind = "byte-level BPE", Parameters = 100_000 + 50_000L * m,
                CreatedAt = DateTime.UtcNow,
            };
            db.Models.Add(model);
            await db.SaveChangesAsync();
            for (var r = 0; r < runsPerModel; r++)
            {
                var run = new RunEntity
                {
                    ModelId = model.Id, ScenarioId = "blimp", ScenarioVersion = 1, RunKey = $"bench:{m}:{r}", SpecJson = "{}", SpecHash = "0",
                    Convention = "eot_space", SamplePerSubset = r == 0 ? null : r, Seed = r, Status = RunStatus.Finished,
                    Done = r == 0 ? 67_000 : 67 * r, Total = r == 0 ? 67_000 : 67 * r, Provider = "CPUExecutionProvider",
                    CreatedAt = DateTime.UtcNow, StartedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow.AddSeconds(r), ElapsedSeconds = 1,
                };
                db.Runs.Add(run);
                await db.SaveChangesAsync();
                void Stat(string level, string key, int count)
                {
                    var mean = 0.5 + random.NextDouble() * 0.4;
                    db.RunStats.Add(new RunStatEntity
                    {
                        RunId = run.Id, Metric = "accuracy", Level = level, Key = key, Count = count, Sum = mean * count, SumSquares = mean * count,
                        Min = 0, Max = 1, Mean = mean, CiLow = mean - 0.02, CiHigh = mean + 0.02,
                    });
                }
                Stat("overall", "overall", run.Done);
                foreach (var g in groups)
                    Stat("subset_group", g, run.Done / groups.Count);
                foreach (var (subset, _) in subsets)
                    Stat("subset", subset, run.Done / subsets.Count);
                await db.SaveChangesAsync();
                if (m == 0 && r == 0)
                    bigRun = run.Id;
            }
        }
        await log.WriteLineAsync($"seeded {models} models x {runsPerModel} runs");

        foreach (var chunk in instances.Take(bigRunInstances).Chunk(5000))
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            foreach (var instance in chunk)
            {
                var good = -20 - random.NextDouble() * 40;
                var bad = -20 - random.NextDouble() * 40;
                for (var k = 0; k < 2; k++)
                    db.Responses.Add(new ResponseEntity
                    {
                        RunId = bigRun, InstanceId = instance.Id, Subset = instance.Subset, RequestIndex = k, Prompt = "",
                        Continuation = " " + instance.References[k].Text, LogProb = k == 0 ? good : bad, TokenCount = 12,
                    });
                db.InstanceStats.Add(new InstanceStatEntity
                {
                    RunId = bigRun, InstanceId = instance.Id, Subset = instance.Subset, SubsetGroup = instance.SubsetGroup,
                    Metric = "accuracy", Value = good > bad ? 1 : 0,
                });
            }
            await db.SaveChangesAsync();
        }
        await log.WriteLineAsync($"seeded run #{bigRun} with {Math.Min(bigRunInstances, instances.Count)} instances");
        return bigRun;
    }
}
