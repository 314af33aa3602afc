using Eval.Core.Models;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Inference.Onnx.Validation;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Eval.Jobs.Uploads;

/// <summary>
/// Validates an upload too large to check in the request: queued -> validating -> rejected (with its code and
/// reason; the files are deleted) or accepted (its suite is queued). Takes only the model id; a model cancelled
/// or deleted meanwhile is left alone.
/// </summary>
public sealed class ModelValidationJob(
    IDbContextFactory<EvalDbContext> dbFactory,
    ModelUploadService uploads,
    SuiteScheduler suites,
    RunLifecycle lifecycle,
    EvalPaths paths,
    TimeProvider clock,
    ILogger<ModelValidationJob> logger)
{
    public static void Enqueue(IBackgroundJobClient jobs, ModelEntity model) =>
        jobs.Enqueue<ModelValidationJob>(string.IsNullOrEmpty(model.Queue) ? RunScheduler.DefaultQueue : model.Queue,
            job => job.ExecuteAsync(model.Id, CancellationToken.None));

    // A refusal is recorded on the model; retrying the same files would give the same answer.
    [AutomaticRetry(Attempts = 0)]
    public async Task ExecuteAsync(long modelId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Models.Where(m => m.Id == modelId && m.Status == ModelStatus.Queued && m.ValidatedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, ModelStatus.Validating), cancellationToken) == 0)
            return;
        var model = await db.Models.AsNoTracking().SingleAsync(m => m.Id == modelId, cancellationToken);
        ValidatedModel validated;
        try
        {
            validated = await uploads.ValidateAsync(model.Directory, model.Kind is { } k ? ModelKinds.Parse(k) : null, cancellationToken);
        }
        catch (ModelValidationException e)
        {
            logger.LogInformation("Model {ModelId} rejected: {Code}: {Message}", modelId, e.Code, e.Message);
            await db.Models.Where(m => m.Id == modelId && m.Status == ModelStatus.Validating).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Status, ModelStatus.Rejected)
                .SetProperty(m => m.ErrorCode, e.Code)
                .SetProperty(m => m.Error, e.Message), CancellationToken.None);
            UploadedFiles.Delete(model, paths);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await db.Models.Where(m => m.Id == modelId && m.Status == ModelStatus.Validating).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Status, ModelStatus.Failed)
                .SetProperty(m => m.Error, "validation failed: " + e.Message), CancellationToken.None);
            throw;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var kind = ModelKinds.Id(validated.Kind);
        if (await db.Models.Where(m => m.Id == modelId && m.Status == ModelStatus.Validating).ExecuteUpdateAsync(u => u
                .SetProperty(m => m.Status, ModelStatus.Queued)
                .SetProperty(m => m.Kind, kind)
                .SetProperty(m => m.ValidatedAt, now)
                .SetProperty(m => m.SmokeMillisecondsPerToken, validated.SmokeMillisecondsPerToken), cancellationToken) == 0)
            return;
        model = await db.Models.AsNoTracking().SingleAsync(m => m.Id == modelId, cancellationToken);
        logger.LogInformation("Model {ModelId} validated ({Kind}: {Reason}); queuing its {Suite} suite", modelId, kind, validated.KindReason, model.Suite);
        await suites.ScheduleAsync(model, model.Suite ?? SuiteNames.Quick, suites.GroupsOf(model), cancellationToken);
        await lifecycle.RefreshModelAsync(modelId, cancellationToken);
    }
}
