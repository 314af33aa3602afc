namespace Eval.Data.Families;

/// <summary>
/// One leaderboard column (a scenario metric, or BLiMP overall or one phenomenon) over a family's checkpoints, in
/// checkpoint order. IsMain: the scenario's main metric overall (the group's chart); Phenomenon: a BLiMP subset group.
/// </summary>
public sealed record LearningCurve(string Group, string ColumnId, string Label, string Metric, bool IsMain, bool IsPhenomenon,
    IReadOnlyList<CurvePoint> Points);
