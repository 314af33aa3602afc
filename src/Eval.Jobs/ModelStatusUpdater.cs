using Eval.Data;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs;

/// <summary>
/// Keeps an accepted model's status in step with its runs (<see cref="ModelStatuses.FromRuns"/>), with the first
/// failed run's message as its error. Called at every run transition; an upload still in validation keeps the
/// validation's status.
/// </summary>
public sealed class ModelStatusUpdater(IDbContextFactory<EvalDbContext> dbFactory)
{
    public async Task RefreshAsync(long modelId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, cancellationToken);
        if (model is null || model.InValidation)
            return;
        var runs = await db.Runs.AsNoTracking().Where(r => r.ModelId == modelId).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.ScenarioId, r.Status, r.Error }).ToListAsync(cancellationToken);
        var status = ModelStatuses.FromRuns(runs.Select(r => r.Status).ToList());
        var failed = runs.FirstOrDefault(r => r.Status == RunStatus.Failed);
        var error = status == ModelStatus.Failed && failed is not null ? $"{failed.ScenarioId} run #{failed.Id} failed: {failed.Error}" : null;
        await db.Models.Where(m => m.Id == modelId).ExecuteUpdateAsync(u => u
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.Error, error)
            .SetProperty(m => m.ErrorCode, (string?)null), cancellationToken);
    }

    /// <summary>At start: every accepted model, in case a process died between a run's change and its model's.</summary>
    public async Task RefreshAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var id in await db.Models.Select(m => m.Id).ToListAsync(cancellationToken))
            await RefreshAsync(id, cancellationToken);
    }
}
