using Eval.Core.Metrics;
using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Caching;
using Eval.Data.Entities;
using Eval.Inference.Onnx;
using Hangfire;
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
    RunLifecycle lifecycle,
    RunHandOffs handOffs,
    IBackgroundJobClient jobs,
    IOptions<InferenceOptions> inference,
    IOptions<Options.RequestCacheOptions> requestCache,
    DatabaseRequestCache cache,
    IOptions<Options.WorkerOptions> worker,
    TimeProvider clock,
    ILogger<RunExecutor> logger)
{
    /// <summary>Instances per stored chunk by default (Eval:Worker:ChunkSize): small enough that a kill loses little, large enough to batch well.</summary>
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

        // Cancelling the run (API or page) sets its status; the watcher turns that into this token.
        await using var watcher = new RunCancellationWatcher(dbFactory, runId, cancellationToken);
        var token = watcher.Token;
        RunDeadline? deadline = null;
        using var deadlineTimer = new CancellationTokenSource();
        try
        {
            var scenario = catalog.Get(run.ScenarioId);
            if (scenario.Version != run.ScenarioVersion)
                throw new InvalidOperationException(
                    $"scenario {scenario.Id} is now version {scenario.Version}; this run was made for version {run.ScenarioVersion}");
            var instances = InstanceSampler.Sample(catalog.Instances(scenario.Id), run.SamplePerSubset, run.Seed);
            var done = await store.DoneInstanceIdsAsync(runId, token);
            var remaining = instances.Where(i => !done.Contains(i.Id)).ToList();

            // A worker on another machine may lack the shared models folder: say so, and let a worker that has it take the run.
            var modelFile = Path.Combine(run.Model!.Directory, ModelPackage.ModelFile);
            if (!File.Exists(modelFile))
                throw new ModelFilesNotVisibleException(modelFile);

            var kind = run.Model!.Kind is { } stated ? Core.Models.ModelKinds.Parse(stated) : (Core.Models.ModelKind?)null;
            using var rented = models.Open(run.Model!.Directory, inference.Value, kind);
            // Not disposed: it would dispose the pooled model, which the rental returns instead.
            // A measurement must run every time: a cached answer would replay another generation's timings.
            var cached = requestCache.Value.RequestCache && scenario.AdapterKind.Cacheable
                ? new CachingLanguageModel(rented.Model, cache) : null;
            var model = (ILanguageModel?)cached ?? rented.Model;
            // Only a run still queued (or resumed) becomes running: one cancelled meanwhile stays cancelled.
            if (!await lifecycle.StartAsync(runId, token))
                return;
            run.StartedAt ??= clock.GetUtcNow().UtcDateTime;
            run.Total = instances.Count;
            run.Done = done.Count;
            run.Provider = model.Provider.Name;
            run.ProviderReason = model.Provider.Reason;
            run.Hardware = HardwareDescription.Current(model.Provider.Name);
            run.Error = null;
            await db.SaveChangesAsync(token);
            logger.LogInformation("Run {RunId} ({RunKey}): {Remaining} of {Total} instances to score on {Provider}",
                runId, run.RunKey, remaining.Count, instances.Count, model.Provider.Name);

            var counted = default(RequestCacheCounts);
            async Task StoreChunkAsync(IReadOnlyList<InstanceResult> chunk, CancellationToken ct)
            {
                // The chunk's cache counts are stored with it: requests of a chunk lost to a kill are counted by the attempt that stores it.
                var now = cached is null ? default : new RequestCacheCounts(cached.Hits, cached.Misses);
                await store.StoreChunkAsync(runId, chunk, ct, now - counted);
                counted = now;
            }

            // The deadline stops the model's calls too (they take the token): a looping model fails instead of holding the worker.
            deadline = RunDeadline.For(run.Model!.SmokeMillisecondsPerToken, scenario, remaining, worker.Value);
            if (deadline is not null)
                deadlineTimer.CancelAfter(deadline.Limit);
            using var scoring = CancellationTokenSource.CreateLinkedTokenSource(token, deadlineTimer.Token);
            await using (var progress = new RunProgressWriter(dbFactory, runId))
            {
                await new EvalRunner().RunAsync(model, scenario, remaining, run.Convention,
                    StoreChunkAsync, progress, done.Count, worker.Value.ChunkSize, scoring.Token);
            }
            if (cached is not null)
                logger.LogInformation("Run {RunId}: {Hits} requests answered from the request cache, {Misses} computed",
                    runId, counted.Hits, counted.Misses);
            await store.FinishAsync(runId, clock.GetUtcNow().UtcDateTime, KnownMetrics.For(scenario).Run, token);
            await lifecycle.FinishAsync(runId, CancellationToken.None);
        }
        catch (OperationCanceledException) when (deadlineTimer.IsCancellationRequested && !token.IsCancellationRequested)
        {
            // Failed, not interrupted: a restart does not resume it (only runs left running are); a retry may.
            var reason = deadline!.Reason();
            logger.LogWarning("Run {RunId} failed: {Reason}", runId, reason);
            await lifecycle.FailRunningAsync(runId, reason, CancellationToken.None);
        }
        catch (OperationCanceledException) when (watcher.RunCancelled && !cancellationToken.IsCancellationRequested)
        {
            // Cancelled by a user: the run's status already says so; what was stored stays for a retry to resume from.
            logger.LogInformation("Run {RunId} was cancelled; it stopped after the stored chunks", runId);
            await lifecycle.RefreshModelAsync(run.ModelId, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the job goes back to the queue and resumes from the stored chunks.
            throw;
        }
        catch (ModelFilesNotVisibleException e) when (handOffs.TryHandOff(runId))
        {
            logger.LogWarning("Run {RunId} handed back to its queue: {Reason}", runId, e.Message);
            await lifecycle.HandBackAsync(runId, e.Message + "; handed to another worker", CancellationToken.None);
            var queue = string.IsNullOrEmpty(run.Model!.Queue) ? RunScheduler.DefaultQueue : run.Model.Queue;
            jobs.Schedule<RunEvaluationJob>(queue, job => job.ExecuteAsync(runId, CancellationToken.None), RunHandOffs.Delay);
        }
        catch (Exception e)
        {
            if (!await lifecycle.FailAsync(runId, e.Message, CancellationToken.None))
            {
                // Cancelled or deleted while a chunk was being written: not a failure of the run.
                logger.LogInformation("Run {RunId} stopped: it was cancelled, finished or deleted ({Message})", runId, e.Message);
                return;
            }
            logger.LogError(e, "Run {RunId} failed", runId);
            throw;
        }
    }
}
