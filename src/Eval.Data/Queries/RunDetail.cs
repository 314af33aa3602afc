using Eval.Data.Entities;

namespace Eval.Data.Queries;

/// <summary>
/// A run with its model and every stat (overall, subset groups, subsets). Spreads: for a measured run, the spread of
/// each figure's repetitions by (level, key, metric) (MeasuredRepetitions); empty otherwise.
/// </summary>
public sealed record RunDetail(RunEntity Run, ModelEntity Model, IReadOnlyList<RunStatEntity> Stats,
    IReadOnlyDictionary<(string Level, string Key, string Metric), Core.Efficiency.MeasuredSpread>? Spreads = null)
{
    public Core.Efficiency.MeasuredSpread? SpreadOf(RunStatEntity stat) => Spreads?.GetValueOrDefault((stat.Level, stat.Key, stat.Metric));

    /// <summary>The subsets the run has stats for, in ordinal order: read from the stats already loaded, not queried again.</summary>
    public IReadOnlyList<string> Subsets => Stats.Where(s => s.Level == Core.Stats.StatLevel.Subset).Select(s => s.Key)
        .Distinct().Order(StringComparer.Ordinal).ToList();
}
