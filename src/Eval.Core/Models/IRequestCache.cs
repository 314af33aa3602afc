namespace Eval.Core.Models;

/// <summary>
/// Results of requests already computed, by <see cref="RequestCacheKey"/>, as JSON text: a repeated request costs
/// nothing. The database keeps them across restarts; <see cref="InMemoryRequestCache"/> within one process.
/// </summary>
public interface IRequestCache
{
    /// <summary>The entries found among the keys; a key not stored is absent from the result.</summary>
    Task<IReadOnlyDictionary<string, string>> GetManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    Task SetManyAsync(IReadOnlyDictionary<string, string> entries, CancellationToken cancellationToken = default);
}
