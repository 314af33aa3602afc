using System.Text.Json;
using Eval.Core.Runner;

namespace Eval.Core.Models;

/// <summary>
/// Serves requests from an <see cref="IRequestCache"/> and sends only the misses (once each) to the inner model,
/// storing their results. Cached generations keep the timings of the run that computed them. Owns the inner model.
/// </summary>
public sealed class CachingLanguageModel(ILanguageModel inner, IRequestCache cache) : ILanguageModel
{
    /// <summary>Results hold NaN where a count is zero (an empty text's perplexity): JSON must carry it back.</summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private int hits;
    private int misses;

    /// <summary>Requests answered from the cache so far.</summary>
    public int Hits => Volatile.Read(ref hits);

    /// <summary>Requests the inner model computed so far (each distinct one once).</summary>
    public int Misses => Volatile.Read(ref misses);

    public ModelInfo Info => inner.Info;

    public ExecutionProviderChoice Provider => inner.Provider;

    public Task<IReadOnlyList<LogLikelihoodResult>> LogLikelihoodAsync(IReadOnlyList<LogLikelihoodRequest> requests,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default) =>
        ServeAsync(requests, r => RequestCacheKey.For(Info, r), inner.LogLikelihoodAsync, requestsDone, cancellationToken);

    public Task<IReadOnlyList<LogLikelihoodRollingResult>> LogLikelihoodRollingAsync(IReadOnlyList<LogLikelihoodRollingRequest> requests,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default) =>
        ServeAsync(requests, r => RequestCacheKey.For(Info, r), inner.LogLikelihoodRollingAsync, requestsDone, cancellationToken);

    public Task<IReadOnlyList<GenerationResult>> GenerateAsync(IReadOnlyList<GenerationRequest> requests,
        IProgress<int>? requestsDone = null, CancellationToken cancellationToken = default) =>
        ServeAsync(requests, r => RequestCacheKey.For(Info, r), inner.GenerateAsync, requestsDone, cancellationToken);

    public void Dispose() => inner.Dispose();

    private async Task<IReadOnlyList<TResult>> ServeAsync<TRequest, TResult>(
        IReadOnlyList<TRequest> requests,
        Func<TRequest, string> keyOf,
        Func<IReadOnlyList<TRequest>, IProgress<int>?, CancellationToken, Task<IReadOnlyList<TResult>>> compute,
        IProgress<int>? requestsDone,
        CancellationToken cancellationToken)
    {
        var keys = requests.Select(keyOf).ToArray();
        var found = await cache.GetManyAsync(keys.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var results = new Dictionary<string, TResult>(StringComparer.Ordinal);
        foreach (var (key, json) in found)
            results[key] = JsonSerializer.Deserialize<TResult>(json, Json)
                ?? throw new InvalidDataException($"request cache entry {key} is empty");

        var missing = new List<TRequest>();
        var missingKeys = new List<string>();
        var seen = new HashSet<string>(results.Keys, StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            if (!seen.Add(keys[i]))
                continue;
            missing.Add(requests[i]);
            missingKeys.Add(keys[i]);
        }

        var served = requests.Count - keys.Count(k => !results.ContainsKey(k));
        Interlocked.Add(ref hits, served);
        requestsDone?.Report(served);
        if (missing.Count > 0)
        {
            var progress = requestsDone is null ? null : new SyncProgress<int>(n => requestsDone.Report(served + n));
            var computed = await compute(missing, progress, cancellationToken);
            Interlocked.Add(ref misses, missing.Count);
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < missing.Count; i++)
            {
                results[missingKeys[i]] = computed[i];
                entries[missingKeys[i]] = JsonSerializer.Serialize(computed[i], Json);
            }
            await cache.SetManyAsync(entries, cancellationToken);
        }
        requestsDone?.Report(requests.Count);
        return keys.Select(k => results[k]).ToList();
    }
}
