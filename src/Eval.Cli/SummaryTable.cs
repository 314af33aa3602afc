using System.Globalization;
using Eval.Core.Scenarios;
using Eval.Core.Stats;

namespace Eval.Cli;

/// <summary>The closing table on stdout: overall, then subset groups, then subsets, with count and each metric.</summary>
public static class SummaryTable
{
    public static void Write(TextWriter stdout, ScenarioDefinition scenario, RunCounts counts, IReadOnlyList<StatSummary> stats)
    {
        var levels = new[] { StatLevel.Overall, StatLevel.SubsetGroup, StatLevel.Subset };
        var keyWidth = Math.Max(24, levels.SelectMany(counts.Keys).DefaultIfEmpty("").Max(k => k.Length) + 2);
        var widths = scenario.Metrics.Select(m => Math.Max(10, m.Length)).ToList();
        stdout.WriteLine($"{"level",-13}{"name".PadRight(keyWidth)}{"count",8}  " +
            $"{string.Join("  ", scenario.Metrics.Select((m, i) => m.PadLeft(widths[i])))}  95% CI ({scenario.MainMetric})");
        foreach (var level in levels)
        {
            foreach (var key in counts.Keys(level))
            {
                var row = stats.Where(s => s.Level == level && s.Key == key).ToDictionary(s => s.Metric);
                var values = string.Join("  ", scenario.Metrics.Select((m, i) => (row.TryGetValue(m, out var s)
                    ? Format(s.Mean) : "-").PadLeft(widths[i])));
                var ci = row.TryGetValue(scenario.MainMetric, out var main)
                    ? $"[{Format(main.CiLow)}, {Format(main.CiHigh)}]" : "";
                stdout.WriteLine($"{level,-13}{key.PadRight(keyWidth)}{counts.Of(level, key),8}  {values}  {ci}");
            }
        }
    }

    /// <summary>Four decimals (fractions, log-prob differences); efficiency figures in their thousands and millions to one decimal.</summary>
    private static string Format(double value) =>
        value.ToString(Math.Abs(value) >= 1000 ? "0.0" : "0.0000", CultureInfo.InvariantCulture);
}
