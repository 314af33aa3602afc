namespace Eval.Core.Efficiency;

/// <summary>
/// One measured figure as the tie rule sees it: its value, the spread of its repetitions (Low = High = Value where it
/// has none), and the machine's median 1-minute load average and logical processors while it was measured (null
/// for runs stored before they were recorded).
/// </summary>
public sealed record MeasuredFigure(double Value, double SpreadLow, double SpreadHigh, double? LoadAverage = null, int? LogicalCpus = null)
{
    /// <summary>
    /// By how much other work could have slowed the measurement: load average / logical processors when the machine was
    /// oversubscribed (more runnable threads than processors share each one), else 1. Unknown load: 1.
    /// </summary>
    public double Contention => LoadAverage is { } load && LogicalCpus is > 0 ? Math.Max(1, load / LogicalCpus.Value) : 1;
}
