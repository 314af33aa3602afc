namespace Eval.Inference.Onnx;

/// <summary>
/// SplitMix64: a tiny generator whose sequence for a seed is fixed by this code, not by a runtime version, so a
/// sampled completion (and its cache entry) stays reproducible.
/// </summary>
public sealed class SeededRandom(long seed)
{
    private ulong state = unchecked((ulong)seed);

    public ulong NextUInt64()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
