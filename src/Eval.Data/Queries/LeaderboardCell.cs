namespace Eval.Data.Queries;

/// <summary>One value with its 95% interval and the run it comes from; Sample is instances per subset, null when full.</summary>
/// <remarks>
/// RunId is null for computed cells (mean win rate, mean score). Hardware: what the run ran on (RunEntity.Hardware).
/// Flag: why the value is not comparable as it stands (an incomplete mean, degenerate answers), shown beside it; a
/// flagged cell is never marked best.
/// </remarks>
public sealed record LeaderboardCell(double Value, double CiLow, double CiHigh, long? RunId, int? Sample, int Count, string? Hardware = null,
    string? Flag = null);
