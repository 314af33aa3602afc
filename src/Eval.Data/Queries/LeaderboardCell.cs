using Eval.Core.Efficiency;

namespace Eval.Data.Queries;

/// <summary>One value with its 95% interval and the run it comes from; Sample is instances per subset, null when full.</summary>
/// <remarks>
/// RunId is null for computed cells (mean win rate, mean score). Hardware: what the run ran on (RunEntity.Hardware).
/// Flag: why the value is not comparable as it stands (an incomplete mean, degenerate answers), shown beside it; a
/// flagged cell is never marked best. Measured (efficiency) cells also carry the spread of their repetitions
/// (MeasuredSpread; null for a one-reading figure such as a size), the machine's median 1-minute load average and
/// its logical processors while they were measured (null for runs stored before these were recorded).
/// </remarks>
public sealed record LeaderboardCell(double Value, double CiLow, double CiHigh, long? RunId, int? Sample, int Count, string? Hardware = null,
    string? Flag = null, MeasuredSpread? Spread = null, double? LoadAverage = null, int? LogicalCpus = null)
{
    /// <summary>The cell as the tie rule of measured figures sees it (MeasuredTie).</summary>
    public MeasuredFigure AsMeasured() => new(Value, Spread?.Low ?? Value, Spread?.High ?? Value, LoadAverage, LogicalCpus);
}
