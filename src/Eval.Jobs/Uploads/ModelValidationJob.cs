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
    ModelValidationLifecycle validation,
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
        if (!await validation.BeginAsync(modelId, cancellationToken))
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
            await validation.RejectAsync(modelId, e.Code, e.Message, CancellationToken.None);
            UploadedFiles.Delete(model, paths);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await validation.FailAsync(modelId, "validation failed: " + e.Message, CancellationToken.None);
            throw;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var kind = ModelKinds.Id(validated.Kind);
        if (!await validation.AcceptAsync(modelId, kind, now, validated.SmokeMillisecondsPerToken, cancellationToken))
            return;
        model = await db.Models.AsNoTracking().SingleAsync(m => m.Id == modelId, cancellationToken);
        logger.LogInformation("Model {ModelId} validated ({Kind}: {Reason}); queuing its {Suite} suite", modelId, kind, validated.KindReason, model.Suite);
        await suites.ScheduleAsync(model, model.Suite ?? SuiteNames.Quick, suites.GroupsOf(model), cancellationToken);
        await lifecycle.RefreshModelAsync(modelId, cancellationToken);
    }
}
