using System.Collections.Concurrent;
using Eval.Core.Scenarios;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>
/// Two finished runs of one scenario side by side, aligned by instance id and subset: each side's answer, correctness
/// and stats. A finished run never changes, so its predictions are read once and kept (a few runs at a time); paging
/// and the disagreement filter then run in memory, fast for 67,000 instances.
/// </summary>
public sealed class CompareQuery(IDbContextFactory<EvalDbContext> dbFactory, ScenarioCatalog catalog)
{
    private const int RunsKept = 8;

    private readonly ConcurrentDictionary<long, Lazy<Task<IReadOnlyDictionary<(string InstanceId, string? Subset), InstancePrediction>>>> kept = new();

    /// <summary>Scenarios with at least one finished run, by id.</summary>
    public async Task<IReadOnlyList<string>> ScenariosAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Finished).Select(r => r.ScenarioId).Distinct().ToListAsync(cancellationToken);
        return ids.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Finished runs that can be compared: per model, of the scenario, newest first.</summary>
    public async Task<IReadOnlyList<RunEntity>> FinishedRunsAsync(string scenarioId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Include(r => r.Model)
            .Where(r => r.ScenarioId == scenarioId && r.Status == RunStatus.Finished)
            .OrderBy(r => r.Model!.Name).ThenByDescending(r => r.Done).ThenByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>A page of the shared instances (all, or only those where the answers differ), by instance id.</summary>
    /// <exception cref="ArgumentException">A run is missing or unfinished, or the two are of different scenarios.</exception>
    public async Task<CompareResult> CompareAsync(long runA, long runB, bool disagreeOnly, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        var a = await PredictionsAsync(runA, cancellationToken);
        var b = await PredictionsAsync(runB, cancellationToken);
        string scenarioId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            scenarioId = await db.Runs.Where(r => r.Id == runA).Select(r => r.ScenarioId).SingleAsync(cancellationToken);
        var shared = a.Keys.Where(b.ContainsKey)
            .OrderBy(k => k.InstanceId, StringComparer.Ordinal).ThenBy(k => k.Subset, StringComparer.Ordinal)
            .Select(k => new CompareRow(k.InstanceId, k.Subset, a[k], b[k])).ToList();
        var disagreements = shared.Count(r => r.Disagree);
        var filtered = disagreeOnly ? shared.Where(r => r.Disagree).ToList() : shared;
        pageSize = Math.Clamp(pageSize, 1, 500);
        var rows = filtered.Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize)
            .Select(r => r with { Question = InstanceQuestion.Of(catalog.FindInstance(scenarioId, r.InstanceId)) }).ToList();
        return new CompareResult(shared.Count, disagreements, filtered.Count, rows);
    }

    /// <summary>Both runs must exist, be finished and be of one scenario; the message says what is wrong.</summary>
    public async Task<string?> CheckAsync(long runA, long runB, CancellationToken cancellationToken = default)
    {
        if (runA == runB)
            return "Choose two different runs.";
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking().Where(r => r.Id == runA || r.Id == runB).ToListAsync(cancellationToken);
        foreach (var id in new[] { runA, runB })
            if (runs.FirstOrDefault(r => r.Id == id) is not { } run)
                return $"There is no run #{id}.";
            else if (run.Status != RunStatus.Finished)
                return $"Run #{id} is {run.Status.ToString().ToLowerInvariant()}, not finished.";
        return runs[0].ScenarioId != runs[1].ScenarioId
            ? $"Run #{runs[0].Id} is of {runs[0].ScenarioId} and run #{runs[1].Id} of {runs[1].ScenarioId}: compare runs of one scenario."
            : null;
    }

    private async Task<IReadOnlyDictionary<(string InstanceId, string? Subset), InstancePrediction>> PredictionsAsync(long runId, CancellationToken cancellationToken)
    {
        if (kept.Count >= RunsKept && !kept.ContainsKey(runId))
            kept.Clear();
        var lazy = kept.GetOrAdd(runId, id => new Lazy<Task<IReadOnlyDictionary<(string, string?), InstancePrediction>>>(() => LoadAsync(id)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            kept.TryRemove(runId, out _);
            throw;
        }
    }

    // Not cancelled with one page's request: other pages wait on the same load.
    private async Task<IReadOnlyDictionary<(string, string?), InstancePrediction>> LoadAsync(long runId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId)
            ?? throw new ArgumentException($"There is no run #{runId}.");
        if (run.Status != RunStatus.Finished)
            throw new ArgumentException($"Run #{runId} is not finished.");
        return await RunPredictions.LoadAsync(db, run, catalog, CancellationToken.None);
    }
}
