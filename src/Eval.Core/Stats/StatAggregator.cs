namespace Eval.Core.Stats;

/// <summary>Rolls per-instance stats up to the run: overall, per subset and per subset group.</summary>
public static class StatAggregator
{
    public static IReadOnlyList<StatSummary> Aggregate(IEnumerable<InstanceStat> stats)
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
}
