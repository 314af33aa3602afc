using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Data.Entities;
using Eval.Data.Queries;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Families;

/// <summary>
/// Model families (checkpoints of one training run) and their learning curves. A curve's points are the leaderboard's
/// cells of the family's models (the same run choice, so a curve and the leaderboard never disagree), in checkpoint
/// order. Measured (efficiency) columns are left out: they describe the hardware, not what the model learned.
/// </summary>
public sealed class FamilyQuery(IDbContextFactory<EvalDbContext> dbFactory, LeaderboardQuery leaderboard, ScenarioCatalog catalog)
{
    public const string BlimpGroup = KnownScenarios.BlimpGroup;

    public async Task<IReadOnlyList<FamilySummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var members = await MembersAsync(null, cancellationToken);
        return members.GroupBy(m => m.Family!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, g.ToList())).ToList();
    }

    /// <summary>The family's checkpoints and curves; null when no model is in it.</summary>
    public async Task<FamilyCurves?> GetAsync(string family, CancellationToken cancellationToken = default)
    {
        var members = await MembersAsync(family, cancellationToken);
        if (members.Count == 0)
            return null;
        var summary = Summarize(family, members);
        var checkpoints = members.Select(m => new FamilyCheckpoint(m.Id, m.Name, m.Checkpoint ?? 0, m.Status)).ToList();
        var curves = new List<LearningCurve>();
        foreach (var group in leaderboard.Groups.Where(g => g != LeaderboardQuery.SummaryGroup))
        {
            if (await leaderboard.GetAsync(group, cancellationToken) is not { } table)
                continue;
            var rows = table.Rows.Where(r => r.Family == family).ToList();
            foreach (var column in table.Columns.Where(c => !c.IsComputed && !c.Measured))
            {
                var points = rows.Where(r => r.Values.ContainsKey(column.Id)).Select(r => Point(r, r.Values[column.Id])).OrderBy(p => p.Position).ToList();
                var main = column.Level == StatLevel.Overall && catalog.TryGet(column.ScenarioId, out var scenario) && scenario!.MainMetric == column.Metric;
                curves.Add(new LearningCurve(group, column.Id, column.Label, column.Metric, main, column.Level == StatLevel.SubsetGroup && group == BlimpGroup, points));
            }
        }
        return new FamilyCurves(family, summary.Unit, checkpoints, curves);
    }

    /// <summary>One column's curve for every family (the families compared on one chart), by family name.</summary>
    public async Task<IReadOnlyList<(FamilySummary Family, LearningCurve Curve)>> CompareAsync(string group = BlimpGroup, string column = StatLevel.Overall,
        CancellationToken cancellationToken = default)
    {
        var families = await ListAsync(cancellationToken);
        if (await leaderboard.GetAsync(group, cancellationToken) is not { } table || table.Columns.FirstOrDefault(c => c.Id == column) is not { } col)
            return [];
        return families.Select(f => (f, new LearningCurve(group, col.Id, col.Label, col.Metric, true, false,
            table.Rows.Where(r => r.Family == f.Family && r.Values.ContainsKey(col.Id)).Select(r => Point(r, r.Values[col.Id])).OrderBy(p => p.Position).ToList())))
            .ToList();
    }

    private static CurvePoint Point(LeaderboardRow row, LeaderboardCell cell) =>
        new(row.ModelId, row.Model, row.Checkpoint ?? 0, cell.Value, cell.CiLow, cell.CiHigh, cell.RunId, cell.Sample, cell.Count);

    private static FamilySummary Summarize(string family, IReadOnlyList<ModelEntity> members)
    {
        var latest = members[^1];
        return new FamilySummary(family, latest.CheckpointUnit ?? CheckpointUnits.Tokens, members.Count,
            new FamilyCheckpoint(latest.Id, latest.Name, latest.Checkpoint ?? 0, latest.Status));
    }

    /// <summary>Members in checkpoint order; a rejected upload is no checkpoint.</summary>
    private async Task<List<ModelEntity>> MembersAsync(string? family, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Models.AsNoTracking().Where(m => m.Family != null && m.Status != ModelStatus.Rejected);
        if (family is not null)
            query = query.Where(m => m.Family == family);
        return (await query.ToListAsync(cancellationToken)).OrderBy(m => m.Checkpoint).ThenBy(m => m.Id).ToList();
    }
}
