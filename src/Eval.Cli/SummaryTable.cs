using System.Globalization;
using Eval.Core.Scenarios;
using Eval.Core.Stats;

namespace Eval.Cli;

/// <summary>The closing table on stdout: overall, then subset groups, then subsets, with count and each metric.</summary>
public static class SummaryTable
{
    public static void Write(TextWriter stdout, ScenarioDefinition scenario, IReadOnlyList<StatSummary> stats)
    {
        var keyWidth = Math.Max(24, stats.Max(s => s.Key.Length) + 2);
        stdout.WriteLine($"{"level",-13}{"name".PadRight(keyWidth)}{"count",8}  {string.Join("  ", scenario.Metrics.Select(m => $"{m,10}"))}  95% CI ({scenario.MainMetric})");
        foreach (var level in new[] { StatLevel.Overall, StatLevel.SubsetGroup, StatLevel.Subset })
        {
            foreach (var key in stats.Where(s => s.Level == level).Select(s => s.Key).Distinct())
            {
                var row = stats.Where(s => s.Level == level && s.Key == key).ToDictionary(s => s.Metric);
                var main = row[scenario.MainMetric];
                var values = string.Join("  ", scenario.Metrics.Select(m => row.TryGetValue(m, out var s)
                    ? s.Mean.ToString("0.0000", CultureInfo.InvariantCulture).PadLeft(10) : "".PadLeft(10)));
                stdout.WriteLine(FormattableString.Invariant(
                    $"{level,-13}{key.PadRight(keyWidth)}{main.Count,8}  {values}  [{main.CiLow:0.0000}, {main.CiHigh:0.0000}]"));
            }
        }
    }
}
