namespace Eval.Jobs;

/// <summary>Requests answered from the request cache (Hits) and computed by the model (Misses).</summary>
public readonly record struct RequestCacheCounts(int Hits, int Misses)
{
    public static RequestCacheCounts operator -(RequestCacheCounts a, RequestCacheCounts b) => new(a.Hits - b.Hits, a.Misses - b.Misses);
}
