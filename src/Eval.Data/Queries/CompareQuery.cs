using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>Two runs of one scenario side by side, instance by instance, joined in SQL.</summary>
public sealed class CompareQuery(IDbContextFactory<EvalDbContext> dbFactory)
{
    /// <summary>Finished runs that can be compared: per model, of the scenario, newest first.</summary>
    public async Task<IReadOnlyList<RunEntity>> FinishedRunsAsync(string scenarioId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Include(r => r.Model)
            .Where(r => r.ScenarioId == scenarioId && r.Status == RunStatus.Finished)
            .OrderBy(r => r.Model!.Name).ThenByDescending(r => r.Done).ThenByDescending(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<CompareResult> CompareAsync(long runA, long runB, string metric, bool disagreeOnly, int page, int pageSize,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var joined =
            from a in db.InstanceStats.AsNoTracking().Where(s => s.RunId == runA && s.Metric == metric)
            join b in db.InstanceStats.AsNoTracking().Where(s => s.RunId == runB && s.Metric == metric) on a.InstanceId equals b.InstanceId
            select new { a.InstanceId, a.Subset, A = a.Value, B = b.Value };
        var shared = await joined.CountAsync(cancellationToken);
        var disagreements = await joined.CountAsync(x => x.A != x.B, cancellationToken);
        var filtered = disagreeOnly ? joined.Where(x => x.A != x.B) : joined;
        pageSize = Math.Clamp(pageSize, 1, 500);
        var rows = await filtered.OrderBy(x => x.InstanceId).Skip((Math.Max(1, page) - 1) * pageSize).Take(pageSize)
            .Select(x => new CompareRow(x.InstanceId, x.Subset, x.A, x.B)).ToListAsync(cancellationToken);
        return new CompareResult(shared, disagreements, disagreeOnly ? disagreements : shared, rows);
    }
}
