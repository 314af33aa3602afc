using Eval.Core.Adapters;
using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Inference.Onnx;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs;

/// <summary>Creates the run for a model, scenario and options (one per run key) and queues its job.</summary>
public sealed class RunScheduler(
    IDbContextFactory<EvalDbContext> dbFactory,
    ScenarioCatalog catalog,
    IBackgroundJobClient jobs,
    ModelStatusUpdater statuses,
    TimeProvider clock)
{
    public const string DefaultQueue = Options.RunSchedulerDefaults.Queue;

    public async Task<RunEntity> ScheduleAsync(ModelEntity model, string scenarioId, string? convention, int? samplePerSubset, int seed,
        CancellationToken cancellationToken = default)
    {
        var scenario = catalog.Get(scenarioId);
        // Masked (pll) or causal (eot_space): as stored (detected, or stated at upload), else what the files say.
        var kind = model.Kind ?? ModelKinds.Id(ModelKindDetector.KindOrCausal(model.Directory));
        convention ??= ModelConventions.Default(scenario, kind);
        if (!scenario.Conventions.Contains(convention))
            throw new ArgumentException($"scenario '{scenario.Id}' has no convention '{convention}'", nameof(convention));
        if (!ModelConventions.Fits(convention, kind))
            throw new ArgumentException($"convention '{convention}' does not suit {model.Name}, a {kind} LM", nameof(convention));
        // A "sample" as large as the largest subset is the full data, and is keyed and shown as such.
        var largestSubset = catalog.Instances(scenario.Id).GroupBy(i => i.Subset).Max(g => g.Count());
        if (samplePerSubset >= largestSubset)
            samplePerSubset = null;
        // Keyed by content identity: one model.onnx with two tokenizers is two models with their own runs.
        var spec = new RunSpec(scenario.Id, scenario.Version, model.IdentitySha256 ?? model.Sha256, convention, samplePerSubset, seed);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.FirstOrDefaultAsync(r => r.RunKey == spec.Key, cancellationToken);
        if (run is not null && run.Status is not (RunStatus.Failed or RunStatus.Cancelled))
            return run;

        if (run is null)
        {
            run = new RunEntity
            {
                ModelId = model.Id,
                ScenarioId = scenario.Id,
                ScenarioVersion = scenario.Version,
                RunKey = spec.Key,
                SpecJson = spec.ToJson(),
                SpecHash = spec.Hash,
                Convention = convention,
                SamplePerSubset = samplePerSubset,
                Seed = seed,
                Total = InstanceSampler.Sample(catalog.Instances(scenario.Id), samplePerSubset, seed).Count,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Runs.Add(run);
        }
        else
        {
            run.Status = RunStatus.Queued;
            run.Error = null;
        }
        await db.SaveChangesAsync(cancellationToken);
        Enqueue(run.Id, model.Queue);
        await statuses.RefreshAsync(model.Id, cancellationToken);
        return run;
    }

    /// <summary>Queues the run's job on the model's queue (cpu, or cuda for a model pinned to GPU workers).</summary>
    public void Enqueue(long runId, string queue = DefaultQueue) =>
        jobs.Enqueue<RunEvaluationJob>(string.IsNullOrEmpty(queue) ? DefaultQueue : queue, job => job.ExecuteAsync(runId, CancellationToken.None));
}
