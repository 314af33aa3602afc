using System.Collections.Concurrent;

namespace Eval.Core.Models;

/// <summary>A request cache for one process (the CLI, tests); nothing survives a restart.</summary>
public sealed class InMemoryRequestCache : IRequestCache
{
    private readonly ConcurrentDictionary<string, string> entries = new(StringComparer.Ordinal);

    public int Count => entries.Count;

    public Task<IReadOnlyDictionary<string, string>> GetManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in keys)
            if (entries.TryGetValue(key, out var value))
                found[key] = value;
        return Task.FromResult<IReadOnlyDictionary<string, string>>(found);
    }

    public Task SetManyAsync(IReadOnlyDictionary<string, string> entries, CancellationToken cancellationToken = default)
    {
        foreach (var (key, value) in entries)
            this.entries[key] = value;
        return Task.CompletedTask;
    }
}
