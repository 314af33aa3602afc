using Eval.Core.Reproduce;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Inference.Onnx;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eval.Jobs.Reproduce;

/// <summary>
/// Reruns a finished run's exact spec (its model files, checked against the stored hashes; scenario version, convention,
/// sample, seed) through the same runner as evaluation, without the request cache (a cached answer would reproduce
/// anything), and stores how the new responses compare with the stored ones (<see cref="ReproductionEntity"/>).
/// </summary>
public sealed class ReproduceRunJob(
    IDbContextFactory<EvalDbContext> dbFactory,
    ScenarioCatalog catalog,
    WorkerModels models,
    IOptions<InferenceOptions> inference,
    TimeProvider clock,
    ILogger<ReproduceRunJob> logger)
{
    // A failure is stored on the reproduction; the same input would fail the same way.
    [AutomaticRetry(Attempts = 0)]
    public async Task ExecuteAsync(long reproductionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reproduction = await db.Reproductions.SingleOrDefaultAsync(r => r.Id == reproductionId, cancellationToken);
        if (reproduction is null || reproduction.Status == RunStatus.Finished)
            return;
        try
        {
            var run = await db.Runs.Include(r => r.Model).AsNoTracking().SingleAsync(r => r.Id == reproduction.RunId, cancellationToken);
            var scenario = catalog.Get(run.ScenarioId);
            if (scenario.Version != run.ScenarioVersion)
                throw new InvalidOperationException($"scenario {scenario.Id} is now version {scenario.Version}; the run was made with version {run.ScenarioVersion}");
            var package = ModelPackage.Open(run.Model!.Directory);
            if (package.ModelSha256() != run.Model.Sha256 || package.TokenizerSha256() != run.Model.TokenizerSha256)
                throw new InvalidOperationException($"the files in {Path.GetFileName(run.Model.Directory)} no longer hash to the run's model and tokenizer");
            reproduction.Status = RunStatus.Running;
            await db.SaveChangesAsync(cancellationToken);

            var kind = run.Model.Kind is { } stated ? Core.Models.ModelKinds.Parse(stated) : (Core.Models.ModelKind?)null;
            using var rented = models.Open(run.Model.Directory, inference.Value, kind);
            var instances = InstanceSampler.Sample(catalog.Instances(scenario.Id), run.SamplePerSubset, run.Seed);
            var results = new List<InstanceResult>(instances.Count);
            await new EvalRunner().RunAsync(rented.Model, scenario, instances, run.Convention,
                (chunk, _) => { results.AddRange(chunk); return Task.CompletedTask; }, cancellationToken: cancellationToken);

            var report = ReproductionComparer.Compare(await StoredAsync(db, run.Id, scenario.MainMetric, cancellationToken), results, scenario.MainMetric);
            reproduction.Status = RunStatus.Finished;
            reproduction.FinishedAt = clock.GetUtcNow().UtcDateTime;
            reproduction.Hardware = HardwareDescription.Current(rented.Model.Provider.Name);
            (reproduction.InstancesCompared, reproduction.InstancesDiffering, reproduction.MaxLogProbDifference, reproduction.Tolerance) =
                (report.InstancesCompared, report.InstancesDiffering, report.MaxLogProbDifference, report.Tolerance);
            (reproduction.Metric, reproduction.StoredValue, reproduction.NewValue) = (report.Metric, Finite(report.StoredValue), Finite(report.NewValue));
            (reproduction.Difference, reproduction.DifferenceLow, reproduction.DifferenceHigh) =
                (Finite(report.Difference), Finite(report.DifferenceLow), Finite(report.DifferenceHigh));
            reproduction.Differing = report.Differing.Count == 0 ? null : string.Join(',', report.Differing);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogInformation("Reproduction {Id} of run {RunId}: {Differing} of {Compared} instances differ", reproductionId, run.Id,
                report.InstancesDiffering, report.InstancesCompared);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Reproduction {Id} failed", reproductionId);
            reproduction.Status = RunStatus.Failed;
            reproduction.Error = e.Message;
            reproduction.FinishedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>The run's stored responses with their instance's main metric, as responses.jsonl gives them.</summary>
    private static async Task<List<StoredResponse>> StoredAsync(EvalDbContext db, long runId, string metric, CancellationToken cancellationToken)
    {
        var stats = await db.InstanceStats.AsNoTracking().Where(s => s.RunId == runId && s.Metric == metric)
            .ToDictionaryAsync(s => s.InstanceId, s => s.Value, cancellationToken);
        var responses = await db.Responses.AsNoTracking().Where(r => r.RunId == runId)
            .Select(r => new { r.InstanceId, r.RequestIndex, r.LogProb }).ToListAsync(cancellationToken);
        return responses.Select(r => new StoredResponse(r.InstanceId, r.RequestIndex, r.LogProb,
            stats.TryGetValue(r.InstanceId, out var value) ? new Dictionary<string, double> { [metric] = value } : new Dictionary<string, double>())).ToList();
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
