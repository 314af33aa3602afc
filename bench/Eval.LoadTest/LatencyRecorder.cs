using System.Collections.Concurrent;

namespace Eval.LoadTest;

/// <summary>Every request's latency and outcome, from all clients; percentiles by nearest rank.</summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentBag<double> milliseconds = [];
    private int errors;

    public int Errors => errors;
    public int Requests => milliseconds.Count;

    public void Success(double ms) => milliseconds.Add(ms);

    public void Error(double ms)
    {
        milliseconds.Add(ms);
        Interlocked.Increment(ref errors);
    }

    public double Percentile(double p)
    {
        var sorted = milliseconds.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
