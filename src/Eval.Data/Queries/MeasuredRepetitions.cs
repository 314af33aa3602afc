using Eval.Core.Efficiency;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>
/// A measured run's per-repetition values (the rep_* instance stats), from which a figure's spread and the machine's
/// load are read at query time, so runs stored before spreads were shown get them too.
/// </summary>
public sealed record MeasuredRepetitions(IReadOnlyDictionary<string, IReadOnlyList<double>> Values)
{
    public MeasuredSpread? SpreadOf(string figure) =>
        EfficiencyMetrics.Figures.TryGetValue(figure, out var f) && Values.TryGetValue(f.Repetition, out var reps) ? MeasuredSpread.Of(figure, reps) : null;

    /// <summary>The median of the 1-minute load averages read after each repetition; null when none was recorded.</summary>
    public double? LoadAverage => Values.TryGetValue(EfficiencyMetrics.RepLoadAverage, out var loads) && loads.Count > 0 ? Percentiles.Median(loads) : null;

    public int? LogicalCpus => Values.TryGetValue(EfficiencyMetrics.RepLogicalCpus, out var cpus) && cpus.Count > 0 ? (int)cpus.Max() : null;

    /// <summary>
    /// The spread of each of a run's measured figures, overall and per subset (prompt length), keyed by (level, key,
    /// figure); empty for a run that measured nothing.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(string Level, string Key, string Metric), MeasuredSpread>> SpreadsOfRunAsync(EvalDbContext db,
        long runId, CancellationToken cancellationToken)
    {
        var wanted = EfficiencyMetrics.Figures.Values.Select(f => f.Repetition).Distinct().ToList();
        var rows = await db.InstanceStats.AsNoTracking()
            .Where(s => s.RunId == runId && wanted.Contains(s.Metric))
            .Select(s => new { s.Subset, s.Metric, s.Value })
            .ToListAsync(cancellationToken);
        var spreads = new Dictionary<(string, string, string), MeasuredSpread>();
        var sets = new[] { (Level: Core.Stats.StatLevel.Overall, Key: Core.Stats.StatLevel.Overall, Rows: rows) }
            .Concat(rows.Where(r => r.Subset is not null).GroupBy(r => r.Subset!).Select(g => (Level: Core.Stats.StatLevel.Subset, g.Key, Rows: g.ToList())));
        foreach (var (level, key, set) in sets)
            foreach (var (figure, (repetition, _)) in EfficiencyMetrics.Figures)
                if (MeasuredSpread.Of(figure, set.Where(r => r.Metric == repetition).Select(r => r.Value)) is { } spread)
                    spreads[(level, key, figure)] = spread;
        return spreads;
    }

    /// <summary>The repetitions of each run, by run id (runs without any: absent).</summary>
    public static async Task<IReadOnlyDictionary<long, MeasuredRepetitions>> ReadAsync(EvalDbContext db, IReadOnlyCollection<long> runIds,
        CancellationToken cancellationToken)
    {
        if (runIds.Count == 0)
            return new Dictionary<long, MeasuredRepetitions>();
        var wanted = EfficiencyMetrics.Figures.Values.Select(f => f.Repetition).Append(EfficiencyMetrics.RepLogicalCpus).Distinct().ToList();
        var rows = await db.InstanceStats.AsNoTracking()
            .Where(s => runIds.Contains(s.RunId) && wanted.Contains(s.Metric))
            .Select(s => new { s.RunId, s.Metric, s.Value })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.RunId).ToDictionary(g => g.Key, g => new MeasuredRepetitions(
            g.GroupBy(r => r.Metric).ToDictionary(m => m.Key, m => (IReadOnlyList<double>)m.Select(r => r.Value).ToList())));
    }
}
