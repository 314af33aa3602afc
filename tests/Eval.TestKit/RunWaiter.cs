using Eval.Data;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.TestKit;

/// <summary>Waits for a scheduled run to end (finished or failed) and returns it as stored.</summary>
public static class RunWaiter
{
    public static Task<RunEntity> UntilEndedAsync(IDbContextFactory<EvalDbContext> dbFactory, long runId, TimeSpan timeout, string what) =>
        Eventually.WaitForAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId);
        }, r => r.Status is RunStatus.Finished or RunStatus.Failed, timeout, what);
}
