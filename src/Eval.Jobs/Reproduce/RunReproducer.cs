using Eval.Data;
using Eval.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs.Reproduce;

/// <summary>Queues a reproduction of a finished run on its model's queue; null when there is no such run, an error when it is not finished.</summary>
public sealed class RunReproducer(IDbContextFactory<EvalDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task<(ControlResult Result, ReproductionEntity? Reproduction)> RequestAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.Include(r => r.Model).AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
            return (ControlResult.NotFound($"no run with id {runId}"), null);
        if (run.Status != RunStatus.Finished)
            return (ControlResult.Conflict($"run {runId} is {run.Status}: only a finished run can be reproduced"), null);
        var reproduction = new ReproductionEntity { RunId = runId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Reproductions.Add(reproduction);
        await db.SaveChangesAsync(cancellationToken);
        var queue = string.IsNullOrEmpty(run.Model!.Queue) ? RunScheduler.DefaultQueue : run.Model.Queue;
        jobs.Enqueue<ReproduceRunJob>(queue, job => job.ExecuteAsync(reproduction.Id, CancellationToken.None));
        return (ControlResult.Done($"reproduction {reproduction.Id} of run {runId} queued"), reproduction);
    }
}
