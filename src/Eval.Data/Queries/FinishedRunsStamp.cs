using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>
/// What changes whenever the set of finished runs does: a run finishing (or finishing again after a retry) moves the
/// newest finish time or the highest id, a run deleted lowers the count. Stats are stored in the same transaction
/// that marks a run finished, so equal stamps mean equal leaderboard cells, on every host sharing the database.
/// </summary>
public sealed record FinishedRunsStamp(int Count, long MaxId, DateTime? LastFinishedAt)
{
    public static async Task<FinishedRunsStamp> ReadAsync(EvalDbContext db, CancellationToken cancellationToken)
    {
        var stamp = await db.Runs.Where(r => r.Status == RunStatus.Finished).GroupBy(r => 1)
            .Select(g => new FinishedRunsStamp(g.Count(), g.Max(r => r.Id), g.Max(r => r.FinishedAt)))
            .SingleOrDefaultAsync(cancellationToken);
        return stamp ?? new FinishedRunsStamp(0, 0, null);
    }
}
