using Eval.Core.Metrics;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Inference.Onnx;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eval.Jobs;

/// <summary>Runs one stored run to its end: resumes from what is stored, scores the rest, then writes the stats.</summary>
public sealed class RunExecutor(
    IDbContextFactory<EvalDbContext> dbFactory,
    ScenarioCatalog catalog,
    RunResultStore store,
    WorkerModels models,
    IOptions<InferenceOptions> inference,
    TimeProvider clock,
    ILogger<RunExecutor> logger)
{
    /// <summary>Instances per stored chunk: small enough that a kill loses little, large enough to batch well.</summary>
    public const int ChunkSize = 500;

    public async Task ExecuteAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.Include(r => r.Model).SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
        {
            logger.LogWarning("Run {RunId} no longer exists; nothing to do", runId);
            return;
        }
        if (run.Status is RunStatus.Finished or RunStatus.Cancelled)
            return;

        try
        {
            var scenario = catalog.Get(run.ScenarioId);
            if (scenario.Version != run.ScenarioVersion)
                throw new InvalidOperationException(
                    $"scenario {scenario.Id} is now version {scenario.Version}; this run was made for version {run.ScenarioVersion}");
            var instances = InstanceSampler.Sample(catalog.Instances(scenario.Id), run.SamplePerSubset, run.Seed);
            var done = await store.DoneInstanceIdsAsync(runId, cancellationToken);
            var remaining = instances.Where(i => !done.Contains(i.Id)).ToList();

            using var rented = models.Open(run.Model!.Directory, inference.Value);
            var model = rented.Model;
            run.Status = RunStatus.Running;
            run.StartedAt ??= clock.GetUtcNow().UtcDateTime;
            run.Total = instances.Count;
            run.Done = done.Count;
            run.Provider = model.Provider.Name;
            run.ProviderReason = model.Provider.Reason;
            run.Hardware = HardwareDescription.Current(model.Provider.Name);
            run.Error = null;
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Run {RunId} ({RunKey}): {Remaining} of {Total} instances to score on {Provider}",
                runId, run.RunKey, remaining.Count, instances.Count, model.Provider.Name);

            await using (var progress = new RunProgressWriter(dbFactory, runId))
            {
                await new EvalRunner().RunAsync(model, scenario, remaining, run.Convention,
                    (chunk, ct) => store.StoreChunkAsync(runId, chunk, ct), progress, done.Count, ChunkSize, cancellationToken);
            }
            await store.FinishAsync(runId, clock.GetUtcNow().UtcDateTime, KnownMetrics.For(scenario).Run, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the job goes back to the queue and resumes from the stored chunks.
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run {RunId} failed", runId);
            await using var failDb = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await failDb.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, RunStatus.Failed)
                .SetProperty(r => r.Error, e.Message), CancellationToken.None);
            throw;
        }
    }
}
