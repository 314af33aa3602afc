using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>A model's pipeline for the upload page, the model actions and GET /api/models/{id}: status, runs, queue positions, ETAs.</summary>
public sealed class ModelStatusQuery(IDbContextFactory<EvalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<ModelStatusView?> GetAsync(long modelId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, cancellationToken);
        if (model is null)
            return null;
        var runs = await db.Runs.AsNoTracking().Where(r => r.ModelId == modelId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        // Jobs of one queue start in the order they were queued: a queued run waits for the active runs before it.
        var active = runs.Any(r => r.Status == RunStatus.Queued)
            ? await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
                .Select(r => new { r.Id, r.Model!.Queue }).ToListAsync(cancellationToken)
            : [];
        var now = clock.GetUtcNow().UtcDateTime;
        return new ModelStatusView(model, runs.Select(r => new RunStatusView(r,
            r.Status == RunStatus.Queued ? active.Count(a => a.Id < r.Id && a.Queue == model.Queue) + 1 : null,
            Eta(r, now))).ToList());
    }

    public static TimeSpan? Eta(RunEntity run, DateTime now) =>
        run.Status == RunStatus.Running && run.StartedAt is { } started && run.Done > 0 && run.Done < run.Total
            ? TimeSpan.FromSeconds(Math.Round((now - started).TotalSeconds / run.Done * (run.Total - run.Done)))
            : null;
}
