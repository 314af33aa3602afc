using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>A scenario's page: every finished run of it, each model's newest first, with one metric's overall value.</summary>
public sealed class ScenarioQuery(IDbContextFactory<EvalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<ScenarioResult>> ResultsAsync(string scenarioId, string metric, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking().Where(r => r.ScenarioId == scenarioId && r.Status == RunStatus.Finished)
            .OrderBy(r => r.Model!.Name).ThenByDescending(r => r.Id)
            .Select(r => new { r.Id, r.ModelId, Name = r.Model!.Name, r.Convention, r.SamplePerSubset, r.Done })
            .ToListAsync(cancellationToken);
        var ids = runs.Select(r => r.Id).ToList();
        var stats = await db.RunStats.AsNoTracking()
            .Where(s => ids.Contains(s.RunId) && s.Level == Core.Stats.StatLevel.Overall && s.Metric == metric)
            .Select(s => new { s.RunId, s.Mean, s.CiLow, s.CiHigh }).ToListAsync(cancellationToken);
        var byRun = stats.ToDictionary(s => s.RunId);
        return runs.Select(r => byRun.TryGetValue(r.Id, out var s)
            ? new ScenarioResult(r.Id, r.ModelId, r.Name, r.Convention, r.SamplePerSubset, r.Done, s.Mean, s.CiLow, s.CiHigh)
            : new ScenarioResult(r.Id, r.ModelId, r.Name, r.Convention, r.SamplePerSubset, r.Done, null, null, null)).ToList();
    }
}
