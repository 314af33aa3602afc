namespace Eval.Data.Queries;

/// <summary>One value with its 95% interval and the run it comes from; Sample is instances per subset, null when full.</summary>
/// <remarks>RunId is null for computed cells (mean win rate, mean score). Hardware: what the run ran on (RunEntity.Hardware).</remarks>
public sealed record LeaderboardCell(double Value, double CiLow, double CiHigh, long? RunId, int? Sample, int Count, string? Hardware = null);
