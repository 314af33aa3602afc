using Eval.Core.Adapters;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>
/// Builds a group's leaderboard: per model and scenario, the finished run (its kind's default convention) with the most
/// instances, then the newest (CONTRACTS.md); columns are the scenario's overall metric and its subset groups.
/// </summary>
public sealed class LeaderboardQuery(IDbContextFactory<EvalDbContext> dbFactory, ScenarioCatalog catalog)
{
    public IReadOnlyList<string> Groups => catalog.All.Select(s => s.Group).Distinct().Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<LeaderboardColumn> Columns(string group)
    {
        var columns = new List<LeaderboardColumn>();
        foreach (var scenario in catalog.All.Where(s => s.Group == group).OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            var prefix = catalog.All.Count(s => s.Group == group) > 1 ? scenario.Id + ":" : "";
            columns.Add(new LeaderboardColumn(prefix + StatLevel.Overall, prefix.Length > 0 ? scenario.DisplayName : "Overall",
                scenario.MainMetric, false, scenario.Id, StatLevel.Overall, StatLevel.Overall));
            var groups = catalog.Instances(scenario.Id).Select(i => i.SubsetGroup).OfType<string>().Distinct().Order(StringComparer.Ordinal);
            foreach (var g in groups)
                columns.Add(new LeaderboardColumn(prefix + g, Label(g), scenario.MainMetric, false, scenario.Id, StatLevel.SubsetGroup, g));
        }
        return columns;
    }

    public async Task<LeaderboardTable?> GetAsync(string group, CancellationToken cancellationToken = default)
    {
        var columns = Columns(group);
        if (columns.Count == 0)
            return null;
        var scenarioIds = columns.Select(c => c.ScenarioId).Distinct().ToList();
        // Each kind's default: eot_space for causal LMs, pll for masked ones (a pll run can only be a masked LM's).
        var defaults = scenarioIds.ToDictionary(id => id, id => ModelConventions.Defaults(catalog.Get(id)));

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A rejected upload can never be evaluated: it has no row.
        var models = await db.Models.AsNoTracking().Where(m => m.Status != ModelStatus.Rejected).OrderBy(m => m.Name).ToListAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Finished && scenarioIds.Contains(r.ScenarioId))
            .ToListAsync(cancellationToken);
        var chosen = runs
            .Where(r => defaults[r.ScenarioId].Contains(r.Convention))
            .GroupBy(r => (r.ModelId, r.ScenarioId))
            .Select(g => g.OrderByDescending(r => r.Done).ThenByDescending(r => r.FinishedAt).ThenByDescending(r => r.Id).First())
            .ToList();
        var runIds = chosen.Select(r => r.Id).ToList();
        var stats = await db.RunStats.AsNoTracking()
            .Where(s => runIds.Contains(s.RunId) && s.Level != StatLevel.Subset)
            .ToListAsync(cancellationToken);
        var statsByRun = stats.ToLookup(s => s.RunId);

        var rows = models.Select(model =>
        {
            var values = new Dictionary<string, LeaderboardCell>();
            foreach (var run in chosen.Where(r => r.ModelId == model.Id))
                foreach (var column in columns.Where(c => c.ScenarioId == run.ScenarioId))
                    if (statsByRun[run.Id].FirstOrDefault(s => s.Metric == column.Metric && s.Level == column.Level && s.Key == column.Key) is { } s)
                        values[column.Id] = new LeaderboardCell(s.Mean, s.CiLow, s.CiHigh, run.Id, run.SamplePerSubset, s.Count);
            return new LeaderboardRow(model.Name, model.Id, model.Architecture, model.Parameters, model.TokenizerKind, values);
        }).ToList();
        return new LeaderboardTable(group, columns, rows);
    }

    public async Task<IReadOnlyList<ActiveRun>> ActiveRunsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
            .OrderBy(r => r.Id)
            .Select(r => new ActiveRun(r.Id, r.ModelId, r.Model!.Name, r.ScenarioId, r.Status, r.Done, r.Total, r.StartedAt, r.SamplePerSubset))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Display names of the groups CONTRACTS.md defines; any other id is shown as words.</summary>
    public static string GroupLabel(string group) => group switch
    {
        "blimp" => "BLiMP",
        "hallucination" => "Hallucination",
        "fairness" => "Fairness & bias",
        "efficiency" => "Efficiency",
        "summary" => "Summary",
        _ => Label(group),
    };

    public static string Label(string id)
    {
        if (id.Length == 0)
            return id;
        var words = id.Split('_').Select(w => w == "npi" ? "NPI" : w).ToArray();
        var text = string.Join(' ', words);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
