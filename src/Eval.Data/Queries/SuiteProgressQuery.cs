using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>One line of progress for the leaderboard while runs are queued: "14 of 47 runs done, ETA 9 min".</summary>
public sealed class SuiteProgressQuery(IDbContextFactory<EvalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<SuiteProgress?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var since = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
            .Select(r => (DateTime?)r.CreatedAt).MinAsync(cancellationToken);
        if (since is null)
            return null;
        var batch = await db.Runs.AsNoTracking().Where(r => r.CreatedAt >= since)
            .Select(r => new { r.Status, r.StartedAt, r.Done, r.Total }).ToListAsync(cancellationToken);
        var done = batch.Count(r => r.Status is not (RunStatus.Queued or RunStatus.Running));
        // Work done so far in runs: finished ones whole, running ones by their share of instances.
        var progress = done + batch.Where(r => r.Status == RunStatus.Running && r.Total > 0).Sum(r => (double)r.Done / r.Total);
        var started = batch.Select(r => r.StartedAt).Where(t => t is not null).Min();
        TimeSpan? remaining = null;
        if (started is { } first && progress > 0)
        {
            var elapsed = clock.GetUtcNow().UtcDateTime - first;
            remaining = elapsed * ((batch.Count - progress) / progress);
        }
        return new SuiteProgress(done, batch.Count, remaining);
    }
}
