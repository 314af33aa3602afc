using System.Globalization;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>
/// Degenerate behaviour checked on every run whichever metrics its scenario names: the same answer to everything
/// (multiple choice), generations that repeat themselves, prompts cut to fit the context. A run whose diagnostic
/// reaches its spec's FlagAt carries a flag beside its numbers, and its cells are never marked best.
/// </summary>
public static class DegenerateBehaviour
{
    /// <summary>Fewer instances say little: two answers out of two alike is chance, not a constant answer.</summary>
    public const int MinInstances = 10;

    /// <summary>The diagnostics a run of this adapter computes (a measurement: the machine's load while it ran).</summary>
    public static IReadOnlyList<string> Diagnostics(AdapterKind kind) =>
        kind.IsMeasurement ? [Efficiency.EfficiencyMetrics.LoadAverage]
        : kind.Generates ? [RepetitionRateMetric.Id]
        // A minimal pair has no answer to repeat (the good sentence is always the first), and short sentences.
        : kind.ScoresSentences ? []
        : [AnswerConcentrationMetric.Id, "truncated"];

    /// <summary>The flag for a run's overall stats (metric id to mean and count), or null when nothing is degenerate.</summary>
    public static string? Flag(IEnumerable<(string Metric, double Mean, int Count)> overall)
    {
        var reasons = overall
            .Where(s => s.Count >= MinInstances && MetricSpecs.TryGet(s.Metric, out var spec) && spec.FlagAt is { } at && s.Mean >= at)
            .Select(s => $"{MetricSpecs.Get(s.Metric).DisplayName} {(s.Mean * 100).ToString("0", CultureInfo.InvariantCulture)}%")
            .ToList();
        return reasons.Count == 0 ? null : "degenerate: " + string.Join(", ", reasons);
    }
}
