using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>A run and its instances for the run page and the API; paging runs in SQL, so 67,000 instances stay fast.</summary>
public sealed class RunQuery(IDbContextFactory<EvalDbContext> dbFactory)
{
    public async Task<RunDetail?> GetAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking().Include(r => r.Model).SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null)
            return null;
        var stats = await db.RunStats.AsNoTracking().Where(s => s.RunId == runId)
            .OrderBy(s => s.Level).ThenBy(s => s.Key).ThenBy(s => s.Metric).ToListAsync(cancellationToken);
        // Only a measured run has repetitions whose spread to read.
        var spreads = stats.Any(s => Core.Efficiency.EfficiencyMetrics.Figures.ContainsKey(s.Metric))
            ? await MeasuredRepetitions.SpreadsOfRunAsync(db, runId, cancellationToken) : null;
        return new RunDetail(run, run.Model!, stats, spreads);
    }

    public async Task<InstancePage> InstancesAsync(long runId, InstanceFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = db.InstanceStats.AsNoTracking().Where(s => s.RunId == runId && s.Metric == filter.Metric);
        if (filter.InstanceId is { } id)
            keys = keys.Where(s => s.InstanceId == id);
        if (!string.IsNullOrEmpty(filter.Subset))
            keys = keys.Where(s => s.Subset == filter.Subset);
        if (filter.Correct is { } correct)
            keys = correct ? keys.Where(s => s.Value >= 1) : keys.Where(s => s.Value < 1);
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var pattern = "%" + filter.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            // SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE is the same search there.
            keys = db.Database.IsNpgsql()
                ? keys.Where(s => EF.Functions.ILike(s.InstanceId, pattern, "\\") || db.Responses.Any(r => r.RunId == runId && r.InstanceId == s.InstanceId
                    && (EF.Functions.ILike(r.Continuation, pattern, "\\") || EF.Functions.ILike(r.Prompt, pattern, "\\"))))
                : keys.Where(s => EF.Functions.Like(s.InstanceId, pattern, "\\") || db.Responses.Any(r => r.RunId == runId && r.InstanceId == s.InstanceId
                    && (EF.Functions.Like(r.Continuation, pattern, "\\") || EF.Functions.Like(r.Prompt, pattern, "\\"))));
        }

        var total = await keys.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(filter.PageSize, 1, 500);
        var page = Math.Max(1, filter.Page);
        if (total == 0)
            return new InstancePage(0, []); // A queued run, or nothing matches: the page's three other queries would find nothing.
        var ids = await keys.OrderBy(s => s.InstanceId).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => s.InstanceId).ToListAsync(cancellationToken);

        var responses = (await db.Responses.AsNoTracking().Where(r => r.RunId == runId && ids.Contains(r.InstanceId))
            .OrderBy(r => r.RequestIndex).ToListAsync(cancellationToken)).ToLookup(r => r.InstanceId);
        var stats = (await db.InstanceStats.AsNoTracking().Where(s => s.RunId == runId && ids.Contains(s.InstanceId))
            .ToListAsync(cancellationToken)).ToLookup(s => s.InstanceId);
        var items = ids.Select(i => new InstanceView(i, responses[i].FirstOrDefault()?.Subset ?? stats[i].FirstOrDefault()?.Subset,
            responses[i].ToList(), stats[i].ToDictionary(s => s.Metric, s => s.Value))).ToList();
        return new InstancePage(total, items);
    }

    /// <summary>
    /// Per instance with both, the confidence of its prediction and whether it was right (accuracy), in instance-id
    /// order: what ece_10_bin was computed from, in the order it was summed.
    /// </summary>
    public async Task<(IReadOnlyList<double> Confidences, IReadOnlyList<double> Correct)> CalibrationAsync(long runId,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stats = await db.InstanceStats.AsNoTracking()
            .Where(s => s.RunId == runId && (s.Metric == Core.Metrics.ConfidenceMetric.Id || s.Metric == Core.Metrics.KnownMetrics.Accuracy))
            .Select(s => new { s.InstanceId, s.Metric, s.Value }).ToListAsync(cancellationToken);
        var pairs = stats.GroupBy(s => s.InstanceId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Confidence: g.FirstOrDefault(s => s.Metric == Core.Metrics.ConfidenceMetric.Id)?.Value ?? double.NaN,
                Correct: g.FirstOrDefault(s => s.Metric == Core.Metrics.KnownMetrics.Accuracy)?.Value ?? double.NaN))
            .Where(p => !double.IsNaN(p.Confidence) && !double.IsNaN(p.Correct))
            .ToList();
        return (pairs.Select(p => p.Confidence).ToList(), pairs.Select(p => p.Correct).ToList());
    }
}
