using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eval.Jobs;

/// <summary>
/// At start, before the job server: migrates the database (once, however many hosts start together), checks every
/// scenario folder (a bad one stops the start), registers the reference models and, if configured, queues their quick
/// suite. With the in-process worker on SQLite job storage (the only server there) runs left "running" by a killed
/// process are queued again; on shared PostgreSQL storage a dead worker's job comes back to the queue by itself
/// (Eval:Hangfire:InvisibilityTimeoutSeconds) and resumes from its stored chunks. A standalone worker only migrates.
/// </summary>
public sealed class FirstStartService(
    IDbContextFactory<EvalDbContext> dbFactory,
    EvalPaths paths,
    ScenarioCatalog catalog,
    ModelRegistrar registrar,
    RunScheduler scheduler,
    Core.Planning.RunPlanner planner,
    RunLifecycle lifecycle,
    Uploads.ModelValidationLifecycle validations,
    Hangfire.IBackgroundJobClient jobs,
    IOptions<FirstStartOptions> firstStart,
    IOptions<WorkerOptions> worker,
    IOptions<HangfireOptions> hangfire,
    HostRole role,
    ILogger<FirstStartService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.DataDirectory);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            await DatabaseMigrator.MigrateAsync(db, cancellationToken);
        logger.LogInformation("Database migrated; {Count} scenarios: {Ids}", catalog.All.Count, string.Join(", ", catalog.All.Select(s => s.Id)));

        if (role.Role == EvalHostRole.Worker)
            return;
        Uploads.UploadStaging.DeleteLeftovers(paths.UploadsDirectory);
        if (worker.Value.InProcess && hangfire.Value.Storage != HangfireStorages.Postgres)
        {
            await RequeueInterruptedRunsAsync(cancellationToken);
            await RequeueInterruptedValidationsAsync(cancellationToken);
            await lifecycle.RefreshAllModelsAsync(cancellationToken);
        }
        if (!firstStart.Value.RegisterReferenceModels)
            return;

        var models = new List<ModelEntity>();
        foreach (var folder in Directory.Exists(paths.ReferenceModelsDirectory)
                     ? Directory.GetDirectories(paths.ReferenceModelsDirectory).Order(StringComparer.Ordinal).ToList() : [])
        {
            if (!File.Exists(Path.Combine(folder, Inference.Onnx.ModelPackage.ModelFile)))
                continue;
            models.Add(await registrar.RegisterAsync(folder, ModelSources.Reference, cancellationToken));
        }
        logger.LogInformation("Registered {Count} reference models", models.Count);

        if (!firstStart.Value.EvaluateReferenceModels)
            return;
        // Scenario by scenario, so every model's BLiMP result arrives before the slower scenarios start.
        foreach (var scenario in planner.FirstStartScenarios())
            foreach (var model in models)
            {
                // The quick suite's run, or why not (a masked LM on generation): skipped, never a reason to stop the start.
                var decision = planner.Plan(scenario, model.Name, StoredModelKind.Of(model), Core.Planning.RunRequest.Quick);
                if (decision.Plan is { } plan)
                    await scheduler.ScheduleAsync(model, plan, cancellationToken);
                else
                    logger.LogDebug("{Model} is not run on {Scenario}: {Reason}", model.Name, scenario.Id, decision.Reason);
            }
    }

    private async Task RequeueInterruptedRunsAsync(CancellationToken cancellationToken)
    {
        foreach (var (runId, queue) in await lifecycle.RequeueInterruptedAsync(cancellationToken))
        {
            logger.LogInformation("Run {RunId} was interrupted; queued again to resume from its stored responses", runId);
            scheduler.Enqueue(runId, queue);
        }
    }

    private async Task RequeueInterruptedValidationsAsync(CancellationToken cancellationToken)
    {
        foreach (var model in await validations.RequeueInterruptedAsync(cancellationToken))
        {
            logger.LogInformation("Validation of model {ModelId} was interrupted; queued again", model.Id);
            Uploads.ModelValidationJob.Enqueue(jobs, model);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
