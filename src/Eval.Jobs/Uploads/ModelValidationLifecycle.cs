using Eval.Data;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs.Uploads;

/// <summary>
/// The one writer of an upload's status before it is accepted (after that, RunLifecycle derives it from the runs):
/// queued -> validating -> rejected (code and reason) | failed (validation threw) | accepted (queued, with its kind);
/// queued | validating -> cancelled; cancelled | failed -> queued (validate again); validating -> queued at a restart.
/// Each is one conditional update on an upload not yet validated; a refused one changes nothing and returns false.
/// </summary>
public sealed class ModelValidationLifecycle(IDbContextFactory<EvalDbContext> dbFactory)
{
    public Task<bool> BeginAsync(long modelId, CancellationToken cancellationToken = default) =>
        MoveAsync(modelId, [ModelStatus.Queued], u => u.SetProperty(m => m.Status, ModelStatus.Validating), cancellationToken);

    public Task<bool> RejectAsync(long modelId, string code, string reason, CancellationToken cancellationToken = default) =>
        MoveAsync(modelId, [ModelStatus.Validating], u => u.SetProperty(m => m.Status, ModelStatus.Rejected)
            .SetProperty(m => m.ErrorCode, code).SetProperty(m => m.Error, reason), cancellationToken);

    public Task<bool> FailAsync(long modelId, string reason, CancellationToken cancellationToken = default) =>
        MoveAsync(modelId, [ModelStatus.Validating], u => u.SetProperty(m => m.Status, ModelStatus.Failed)
            .SetProperty(m => m.Error, reason), cancellationToken);

    /// <summary>Accepted: queued for its suite, with the kind validation found and the smoke test's speed (RunDeadline reads it).</summary>
    public Task<bool> AcceptAsync(long modelId, string kind, DateTime validatedAt, double? smokeMillisecondsPerToken,
        CancellationToken cancellationToken = default) =>
        MoveAsync(modelId, [ModelStatus.Validating], u => u.SetProperty(m => m.Status, ModelStatus.Queued)
            .SetProperty(m => m.Kind, kind)
            .SetProperty(m => m.ValidatedAt, validatedAt)
            .SetProperty(m => m.SmokeMillisecondsPerToken, smokeMillisecondsPerToken), cancellationToken);

    public Task<bool> CancelAsync(long modelId, CancellationToken cancellationToken = default) =>
        MoveAsync(modelId, [ModelStatus.Queued, ModelStatus.Validating], u => u.SetProperty(m => m.Status, ModelStatus.Cancelled), cancellationToken);

    /// <summary>Validate again after a cancel or a failed validation (the evaluate API's retry).</summary>
    public Task<bool> RequeueAsync(long modelId, CancellationToken cancellationToken = default) =>
        MoveAsync(modelId, [ModelStatus.Cancelled, ModelStatus.Failed], u => u.SetProperty(m => m.Status, ModelStatus.Queued)
            .SetProperty(m => m.Error, (string?)null), cancellationToken);

    /// <summary>At start: validations a killed process left running are queued again; the models to enqueue.</summary>
    public async Task<IReadOnlyList<ModelEntity>> RequeueInterruptedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var interrupted = await db.Models.AsNoTracking().Where(m => m.Status == ModelStatus.Validating && m.ValidatedAt == null).ToListAsync(cancellationToken);
        var requeued = new List<ModelEntity>();
        foreach (var model in interrupted)
            if (await MoveAsync(model.Id, [ModelStatus.Validating], u => u.SetProperty(m => m.Status, ModelStatus.Queued), cancellationToken))
                requeued.Add(model);
        return requeued;
    }

    private async Task<bool> MoveAsync(long modelId, string[] from,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ModelEntity>> set,
        CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only an upload not yet accepted: an accepted model's status is its runs'.
        return await db.Models.Where(m => m.Id == modelId && m.ValidatedAt == null && from.Contains(m.Status))
            .ExecuteUpdateAsync(set, cancellationToken) > 0;
    }
}
