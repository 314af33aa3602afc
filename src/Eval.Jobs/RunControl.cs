using Eval.Data;
using Eval.Data.Entities;
using Eval.Inference.Onnx.Validation;
using Eval.Jobs.Uploads;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Eval.Jobs;

/// <summary>
/// What a user may do to work already stored: cancel a run or a model's pending work, retry (queue failed or
/// cancelled runs again; they resume from their stored responses), evaluate a model on a suite, delete a model.
/// The API and the pages both come through here.
/// </summary>
public sealed class RunControl(
    IDbContextFactory<EvalDbContext> dbFactory,
    RunScheduler scheduler,
    SuiteScheduler suites,
    RunLifecycle lifecycle,
    ModelValidationLifecycle validations,
    Core.Planning.RunPlanner planner,
    Core.Scenarios.ScenarioCatalog catalog,
    ModelUploadService uploads,
    IBackgroundJobClient jobs,
    EvalPaths paths,
    ILogger<RunControl> logger)
{
    public async Task<ControlResult> CancelRunAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.ModelId, r.Status }).SingleOrDefaultAsync(cancellationToken);
        if (run is null)
            return ControlResult.NotFound($"no run with id {runId}");
        // The running job sees the status within a second (RunCancellationWatcher) and stops after its current batch.
        if (!await lifecycle.CancelAsync(runId, cancellationToken))
            return ControlResult.Conflict($"run {runId} is {run.Status}: only a queued or running run can be cancelled");
        logger.LogInformation("Run {RunId} cancelled", runId);
        return ControlResult.Done($"run {runId} cancelled");
    }

    public async Task<ControlResult> CancelModelAsync(long modelId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, cancellationToken);
        if (model is null)
            return ControlResult.NotFound($"no model with id {modelId}");
        var validation = model.InValidation && await validations.CancelAsync(modelId, cancellationToken) ? 1 : 0;
        var runs = await lifecycle.CancelModelRunsAsync(modelId, cancellationToken);
        if (validation + runs == 0)
            return ControlResult.Conflict($"model {modelId} is {model.Status}: nothing is queued or running");
        await lifecycle.RefreshModelAsync(modelId, cancellationToken);
        return ControlResult.Done(validation > 0 ? "validation cancelled" : $"{runs} run(s) cancelled");
    }

    public async Task<ControlResult> RetryRunAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().Include(r => r.Model).SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
            return ControlResult.NotFound($"no run with id {runId}");
        if (run.Status is not (RunStatus.Failed or RunStatus.Cancelled))
            return ControlResult.Conflict($"run {runId} is {run.Status}: only a failed or cancelled run can be retried");
        // The same spec gives the same run key: the scheduler queues that run again, and it resumes from what is stored.
        if (!catalog.TryGet(run.ScenarioId, out var scenario))
            return ControlResult.Conflict($"run {runId} is of scenario '{run.ScenarioId}', which this server no longer has");
        var decision = planner.Plan(scenario, run.Model!.Name, StoredModelKind.Of(run.Model), Core.Planning.RunRequest.Exactly(run.Convention, run.SamplePerSubset, run.Seed));
        if (decision.Plan is not { } plan)
            return ControlResult.Conflict($"run {runId} cannot be run again: {decision.Reason}");
        var again = await scheduler.ScheduleAsync(run.Model, plan, cancellationToken);
        return ControlResult.Done($"run {runId} queued again", [again]);
    }

    /// <summary>Queues the model's suite (its upload choice unless another is given); failed or cancelled runs are queued again.</summary>
    public async Task<ControlResult> EvaluateAsync(long modelId, string? suite, IReadOnlyList<string>? groups, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, cancellationToken);
        if (model is null)
            return ControlResult.NotFound($"no model with id {modelId}");
        if (model.Status == ModelStatus.Rejected)
            return ControlResult.Conflict($"model {modelId} was rejected ({model.ErrorCode}: {model.Error}); upload a corrected package");
        if (model.InValidation)
        {
            if (model.Status is not (ModelStatus.Cancelled or ModelStatus.Failed))
                return ControlResult.Conflict($"model {modelId} is {model.Status}: its suite is queued when validation passes");
            if (!await validations.RequeueAsync(modelId, cancellationToken))
                return ControlResult.Conflict($"model {modelId} changed meanwhile: its validation is queued or under way");
            ModelValidationJob.Enqueue(jobs, model);
            return ControlResult.Done($"model {modelId} queued for validation again");
        }
        ModelUploadRequest choice;
        try
        {
            choice = uploads.Normalize(new ModelUploadRequest(null, null, suite ?? model.Suite, groups ?? suites.GroupsOf(model), null, model.Queue, ""));
        }
        catch (ModelValidationException e)
        {
            return ControlResult.Invalid(e.Message);
        }
        var runs = await suites.ScheduleAsync(model, choice.Suite!, choice.Groups!, cancellationToken);
        return ControlResult.Done($"{choice.Suite} suite queued: {runs.Count} run(s)", runs);
    }

    /// <summary>Deletes a model with its runs, responses and stats, and its files if it was uploaded; its running job stops.</summary>
    public async Task<ControlResult> DeleteModelAsync(long modelId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == modelId, cancellationToken);
        if (model is null)
            return ControlResult.NotFound($"no model with id {modelId}");
        await lifecycle.CancelModelRunsAsync(modelId, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var runIds = db.Runs.Where(r => r.ModelId == modelId).Select(r => r.Id);
            await db.Responses.Where(r => runIds.Contains(r.RunId)).ExecuteDeleteAsync(cancellationToken);
            await db.InstanceStats.Where(s => runIds.Contains(s.RunId)).ExecuteDeleteAsync(cancellationToken);
            await db.RunStats.Where(s => runIds.Contains(s.RunId)).ExecuteDeleteAsync(cancellationToken);
            await db.Runs.Where(r => r.ModelId == modelId).ExecuteDeleteAsync(cancellationToken);
            await db.Models.Where(m => m.Id == modelId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        UploadedFiles.Delete(model, paths);
        logger.LogInformation("Model {ModelId} ({Name}) deleted", modelId, model.Name);
        return ControlResult.Done($"model {modelId} deleted");
    }
}
