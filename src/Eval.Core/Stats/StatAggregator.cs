using Eval.Core.Metrics;

namespace Eval.Core.Stats;

/// <summary>
/// Rolls per-instance stats up to the run: overall, per subset and per subset group. Per-instance metrics are
/// averaged over the instances that have them; corpus-level metrics (IRunMetric) are computed from all the instance
/// stats of each of those sets. Both need only the stored instance stats, so a run re-aggregates the same.
/// </summary>
public static class StatAggregator
{
    public static IReadOnlyList<StatSummary> Aggregate(IEnumerable<InstanceStat> stats, IReadOnlyList<IRunMetric>? runMetrics = null)
    {
        var list = stats.OrderBy(s => s.InstanceId, StringComparer.Ordinal).ToList();
        var summaries = new List<StatSummary>();
        foreach (var byMetric in list.GroupBy(s => s.Metric).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            summaries.Add(Summarize(byMetric.Key, StatLevel.Overall, StatLevel.Overall, byMetric.ToList()));
            foreach (var g in byMetric.Where(s => s.SubsetGroup is not null).GroupBy(s => s.SubsetGroup!).OrderBy(g => g.Key, StringComparer.Ordinal))
                summaries.Add(Summarize(byMetric.Key, StatLevel.SubsetGroup, g.Key, g.ToList()));
            foreach (var g in byMetric.Where(s => s.Subset is not null).GroupBy(s => s.Subset!).OrderBy(g => g.Key, StringComparer.Ordinal))
                summaries.Add(Summarize(byMetric.Key, StatLevel.Subset, g.Key, g.ToList()));
        }
        if (runMetrics is { Count: > 0 })
            summaries.AddRange(CorpusLevel(list, runMetrics));
        return summaries;
    }

    private static StatSummary Summarize(string metric, string level, string key, List<InstanceStat> stats)
    {
        var values = stats.Select(s => s.Value).ToList();
        var sum = values.Sum();
        var (low, high) = BootstrapInterval.OfMean(values);
        return new StatSummary(metric, level, key, values.Count, sum, values.Sum(v => v * v),
            values.Min(), values.Max(), sum / values.Count, low, high);
    }

    private static IEnumerable<StatSummary> CorpusLevel(List<InstanceStat> stats, IReadOnlyList<IRunMetric> runMetrics)
    {
        // Instance-id order, so the bootstrap resamples the same rows whatever order the stats came in.
        var instances = stats.GroupBy(s => s.InstanceId).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Stats: (IReadOnlyDictionary<string, double>)g.ToDictionary(s => s.Metric, s => s.Value),
                g.First().Subset, g.First().SubsetGroup))
            .ToList();
        InstanceStatTable Table(IEnumerable<(string Id, IReadOnlyDictionary<string, double> Stats, string? Subset, string? SubsetGroup)> rows) =>
            InstanceStatTable.From(rows.Select(r => (r.Id, r.Stats)).ToList());
        var sets = new List<(string Level, string Key, InstanceStatTable Table)> { (StatLevel.Overall, StatLevel.Overall, Table(instances)) };
        sets.AddRange(instances.Where(i => i.SubsetGroup is not null).GroupBy(i => i.SubsetGroup!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (StatLevel.SubsetGroup, g.Key, Table(g))));
        sets.AddRange(instances.Where(i => i.Subset is not null).GroupBy(i => i.Subset!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (StatLevel.Subset, g.Key, Table(g))));

        foreach (var metric in runMetrics)
            foreach (var (level, key, table) in sets)
            {
                var value = metric.Compute(table);
                // Undefined here (no ambiguous items in this subset): no stat rather than a NaN the database cannot hold.
                if (double.IsNaN(value))
                    continue;
                var resample = table.Only(metric.Inputs).Resampler();
                var (low, high) = BootstrapInterval.Of(table.Count, rows => metric.Compute(resample(rows)));
                if (double.IsNaN(low))
                    (low, high) = (value, value);
                yield return new StatSummary(metric.Name, level, key, table.Count, value * table.Count, value * value * table.Count,
                    value, value, value, low, high, CorpusLevel: true);
            }
    }
}
