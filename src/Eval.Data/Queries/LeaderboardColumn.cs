namespace Eval.Data.Queries;

/// <summary>
/// A leaderboard column: a metric of one scenario over the whole run (id "overall") or one subset group. Measured:
/// an efficiency figure, which depends on the hardware that measured it (ranked only against the same hardware,
/// and never averaged into the mean score). IsMain: the metric is its scenario's main_metric. ScenarioName: the
/// scenario's display name, for a header that names the scenario apart from its metric.
/// </summary>
public sealed record LeaderboardColumn(string Id, string Label, string Metric, bool LowerIsBetter, string ScenarioId, string Level, string Key,
    double? Ideal = null, bool NeedsContinuation = false, bool Measured = false, bool IsMain = false, string? ScenarioName = null)
{
    /// <summary>What the column's metric means; null for computed columns (mean win rate, mean score).</summary>
    public Core.Metrics.MetricSpec? Spec => IsComputed ? null : Core.Metrics.MetricSpecs.TryGet(Metric, out var spec) ? spec : null;

    /// <summary>Columns computed from the others (mean win rate, mean score) have no scenario.</summary>
    public bool IsComputed => ScenarioId.Length == 0;

    /// <summary>The value to rank by: the distance to the ideal where there is one (then lower is better).</summary>
    public double RankValue(double value) => Ideal is { } ideal ? Math.Abs(value - ideal) : value;

    /// <summary>
    /// Whether two cells of this column are too close to rank apart: equal values, or for a measured figure bands
    /// that overlap (MeasuredTie: the repetitions' spread, widened by the load the machine was under).
    /// </summary>
    public bool Ties(LeaderboardCell a, LeaderboardCell b) =>
        RankValue(a.Value) == RankValue(b.Value)
        || (Measured && Spec is { } spec && Core.Efficiency.MeasuredTie.Ties(a.AsMeasured(), b.AsMeasured(), spec));
}
