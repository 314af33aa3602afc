using System.Collections.Concurrent;

namespace Eval.LoadTest;

/// <summary>Every request's latency, outcome and page kind, from all clients; percentiles by nearest rank.</summary>
public sealed class LatencyRecorder
{
    private readonly ConcurrentBag<(string Kind, double Ms)> samples = [];
    private int errors;

    public int Errors => errors;
    public int Requests => samples.Count;
    public IEnumerable<string> Kinds => samples.Select(s => s.Kind).Distinct().Order(StringComparer.Ordinal);

    public void Success(string kind, double ms) => samples.Add((kind, ms));

    public void Error(string kind, double ms)
    {
        samples.Add((kind, ms));
        Interlocked.Increment(ref errors);
    }

    public int Count(string? kind = null) => samples.Count(s => kind is null || s.Kind == kind);

    public double Percentile(double p, string? kind = null)
    {
        var sorted = samples.Where(s => kind is null || s.Kind == kind).Select(s => s.Ms).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
