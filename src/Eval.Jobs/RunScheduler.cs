using Eval.Core.Planning;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Entities;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs;

/// <summary>Makes the run a plan describes (one per run key; RunPlanner decides the plan) and queues its job.</summary>
public sealed class RunScheduler(
    IDbContextFactory<EvalDbContext> dbFactory,
    ScenarioCatalog catalog,
    IBackgroundJobClient jobs,
    RunPlanner planner,
    RunLifecycle lifecycle,
    TimeProvider clock)
{
    public const string DefaultQueue = Options.RunSchedulerDefaults.Queue;

    /// <summary>
    /// A run asked for by its spec (tests, tools): the planner's run, or an ArgumentException with its reason when the
    /// scenario does not apply. Callers that may meet a scenario that does not apply ask the planner first.
    /// </summary>
    public Task<RunEntity> ScheduleAsync(ModelEntity model, string scenarioId, string? convention, int? samplePerSubset, int seed,
        CancellationToken cancellationToken = default)
    {
        var decision = planner.Plan(catalog.Get(scenarioId), model.Name, StoredModelKind.Of(model), RunRequest.Exactly(convention, samplePerSubset, seed));
        return decision.Plan is { } plan ? ScheduleAsync(model, plan, cancellationToken)
            : throw new ArgumentException(decision.Reason, nameof(scenarioId));
    }

    /// <summary>The run of the plan: the one already stored under its key (a failed or cancelled one queued again), else a new one.</summary>
    public async Task<RunEntity> ScheduleAsync(ModelEntity model, RunPlan plan, CancellationToken cancellationToken = default)
    {
        var scenario = plan.Scenario;
        // Keyed by content identity: one model.onnx with two tokenizers is two models with their own runs.
        var spec = new RunSpec(scenario.Id, scenario.Version, model.IdentitySha256 ?? model.Sha256, plan.Convention, plan.SamplePerSubset, plan.Seed);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.RunKey == spec.Key, cancellationToken);
        if (run is not null)
        {
            if (!await lifecycle.RequeueAsync(run.Id, cancellationToken))
                return run;
            // The copy read above, brought up to what RunLifecycle just stored.
            run.Status = RunStatus.Queued;
            run.Error = null;
        }
        else
        {
            run = await lifecycle.CreateAsync(new RunEntity
            {
                ModelId = model.Id,
                ScenarioId = scenario.Id,
                ScenarioVersion = scenario.Version,
                RunKey = spec.Key,
                SpecJson = spec.ToJson(),
                SpecHash = spec.Hash,
                Convention = plan.Convention,
                SamplePerSubset = plan.SamplePerSubset,
                Seed = plan.Seed,
                Total = InstanceSampler.Sample(catalog.Instances(scenario.Id), plan.SamplePerSubset, plan.Seed).Count,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            }, cancellationToken);
        }
        Enqueue(run.Id, model.Queue);
        return run;
    }

    /// <summary>Queues the run's job on the model's queue (cpu, or cuda for a model pinned to GPU workers).</summary>
    public void Enqueue(long runId, string queue = DefaultQueue) =>
        jobs.Enqueue<RunEvaluationJob>(string.IsNullOrEmpty(queue) ? DefaultQueue : queue, job => job.ExecuteAsync(runId, CancellationToken.None));
}
