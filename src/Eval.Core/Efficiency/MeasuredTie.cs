using Eval.Core.Metrics;

namespace Eval.Core.Efficiency;

/// <summary>
/// When two measured figures are too close to rank apart. Each has a band: the spread of its repetitions, and for a
/// figure that depends on time (ms, tokens/s, J/token) widened by the contention of its machine in the direction
/// contention pushes it (under contention c a throughput may have been up to c times higher unloaded, a time up to c
/// times shorter). Two figures whose bands overlap tie. The same weights measured 3,304 and 6,322 decode tokens/s,
/// one under a load of 4 on 2 processors: the slower band reaches 6,608 and they tie; on a quiet machine their
/// spreads alone decide. Sizes and memory do not depend on load: only their spread (none) counts.
/// </summary>
public static class MeasuredTie
{
    /// <summary>Whether the spec's figure changes with how busy the machine is.</summary>
    public static bool DependsOnLoad(MetricSpec spec) =>
        spec.Scale is MetricScale.Milliseconds or MetricScale.TokensPerSecond or MetricScale.JoulesPerToken;

    public static (double Low, double High) Band(MeasuredFigure figure, MetricSpec spec)
    {
        var low = Math.Min(figure.SpreadLow, figure.Value);
        var high = Math.Max(figure.SpreadHigh, figure.Value);
        if (!DependsOnLoad(spec))
            return (low, high);
        return spec.LowerIsBetter ? (low / figure.Contention, high) : (low, high * figure.Contention);
    }

    public static bool Ties(MeasuredFigure a, MeasuredFigure b, MetricSpec spec)
    {
        var (aLow, aHigh) = Band(a, spec);
        var (bLow, bHigh) = Band(b, spec);
        return aLow <= bHigh && bLow <= aHigh;
    }
}
