using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>The Jobs page: runs queued or going, and the latest failures with their messages.</summary>
public sealed class JobsQuery(IDbContextFactory<EvalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<RunEntity>> RecentFailuresAsync(int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Include(r => r.Model)
            .Where(r => r.Status == RunStatus.Failed)
            .OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RunEntity>> RecentlyFinishedAsync(int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Include(r => r.Model)
            .Where(r => r.Status == RunStatus.Finished)
            .OrderByDescending(r => r.FinishedAt).Take(count).ToListAsync(cancellationToken);
    }
}
