using Eval.Core.Runner;
using Eval.Core.Stats;

namespace Eval.Cli;

/// <summary>How many instances were scored, overall and per subset and subset group: the report's count.</summary>
public sealed class RunCounts(IReadOnlyList<InstanceResult> results)
{
    private readonly Dictionary<(string Level, string Key), int> counts = results
        .SelectMany(r => new[] { (StatLevel.Overall, StatLevel.Overall), (StatLevel.Subset, r.Subset), (StatLevel.SubsetGroup, r.SubsetGroup) })
        .Where(k => k.Item2 is not null)
        .GroupBy(k => (k.Item1, k.Item2!))
        .ToDictionary(g => g.Key, g => g.Count());

    public int Total => Of(StatLevel.Overall, StatLevel.Overall);

    public int Of(string level, string key) => counts.GetValueOrDefault((level, key));

    public IEnumerable<string> Keys(string level) =>
        counts.Keys.Where(k => k.Level == level).Select(k => k.Key).Order(StringComparer.Ordinal);
}
