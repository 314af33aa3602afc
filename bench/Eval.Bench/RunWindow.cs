using System.Diagnostics;

namespace Eval.Bench;

/// <summary>One run job's span: Stopwatch timestamps and the process's CPU time at its start and end (null until it ends).</summary>
public sealed record RunWindow(long StartTimestamp, TimeSpan StartCpu, long? EndTimestamp, TimeSpan? EndCpu)
{
    public double WallSeconds => EndTimestamp is { } end ? Stopwatch.GetElapsedTime(StartTimestamp, end).TotalSeconds : double.NaN;

    public double CpuSeconds => EndCpu is { } end ? (end - StartCpu).TotalSeconds : double.NaN;

    public bool Contains(long timestamp) => timestamp >= StartTimestamp && (EndTimestamp is null || timestamp <= EndTimestamp);
}
