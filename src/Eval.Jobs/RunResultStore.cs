using Eval.Core.Metrics;
using Eval.Core.Runner;
using Eval.Core.Stats;
using Eval.Data;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs;

/// <summary>Writes a run's results: each chunk of responses and instance stats in one transaction, then the run stats.</summary>
public sealed class RunResultStore(IDbContextFactory<EvalDbContext> dbFactory, Timings.RunTimings timings)
{
    public async Task<HashSet<string>> DoneInstanceIdsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await db.InstanceStats.Where(s => s.RunId == runId).Select(s => s.InstanceId).Distinct().ToListAsync(cancellationToken))
            .ToHashSet();
    }

    /// <param name="cacheCounts">Requests of this chunk answered from the request cache and computed by the model; added to the run's counts.</param>
    public async Task StoreChunkAsync(long runId, IReadOnlyList<InstanceResult> chunk, CancellationToken cancellationToken,
        RequestCacheCounts cacheCounts = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var result in chunk)
        {
            foreach (var r in result.Requests)
                db.Responses.Add(new ResponseEntity
                {
                    RunId = runId, InstanceId = result.InstanceId, Subset = result.Subset, RequestIndex = r.Index,
                    Prompt = r.Prompt, Continuation = r.Continuation, LogProb = r.LogProb, TokenCount = r.TokenCount, IsGreedy = r.IsGreedy,
                });
            foreach (var (metric, value) in result.Stats)
                db.InstanceStats.Add(new InstanceStatEntity
                {
                    RunId = runId, InstanceId = result.InstanceId, Subset = result.Subset, SubsetGroup = result.SubsetGroup,
                    Metric = metric, Value = value,
                });
        }
        await db.SaveChangesAsync(cancellationToken);
        var done = await db.InstanceStats.Where(s => s.RunId == runId).Select(s => s.InstanceId).Distinct().CountAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Done, done)
            .SetProperty(r => r.CacheHits, r => r.CacheHits + cacheCounts.Hits)
            .SetProperty(r => r.CacheMisses, r => r.CacheMisses + cacheCounts.Misses), cancellationToken);
        timings.Stored(runId, started);
    }

    /// <summary>Recomputes the run's stats from every stored instance stat, so a resumed run equals an uninterrupted one.</summary>
    public Task<IReadOnlyList<StatSummary>> FinishAsync(long runId, DateTime finishedAt, CancellationToken cancellationToken) =>
        FinishAsync(runId, finishedAt, [], cancellationToken);

    /// <summary>The same, with the scenario's corpus-level metrics (BBQ bias scores, ECE) computed from the stored instance stats.</summary>
    public async Task<IReadOnlyList<StatSummary>> FinishAsync(long runId, DateTime finishedAt, IReadOnlyList<IRunMetric> runMetrics,
        CancellationToken cancellationToken)
    {
        var storing = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stats = await db.InstanceStats.Where(s => s.RunId == runId)
            .Select(s => new InstanceStat(s.InstanceId, s.Subset, s.SubsetGroup, s.Metric, s.Value))
            .ToListAsync(cancellationToken);
        var summaries = StatAggregator.Aggregate(stats, runMetrics);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.RunStats.Where(s => s.RunId == runId).ExecuteDeleteAsync(cancellationToken);
        db.RunStats.AddRange(summaries.Select(s => new RunStatEntity
        {
            RunId = runId, Metric = s.Metric, Level = s.Level, Key = s.Key, Count = s.Count, Sum = s.Sum, SumSquares = s.SumSquares,
            Min = s.Min, Max = s.Max, Mean = s.Mean, CiLow = s.CiLow, CiHigh = s.CiHigh,
        }));
        var run = await db.Runs.SingleAsync(r => r.Id == runId, cancellationToken);
        // Its status is RunLifecycle's (FinishAsync, after this): a run cancelled as its last chunk was stored stays cancelled.
        run.Done = stats.Select(s => s.InstanceId).Distinct().Count();
        run.FinishedAt = finishedAt;
        run.ElapsedSeconds = run.StartedAt is { } started ? (finishedAt - started).TotalSeconds : null;
        run.Error = null;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        timings.Stored(runId, storing);
        return summaries;
    }
}
