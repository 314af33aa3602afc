using Eval.Core.Models;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Caching;

/// <summary>
/// The request cache in the database (table request_cache): it survives restarts and is shared by every worker on
/// the database. A batch is looked up in one query and stored in one transaction. Only EF Core APIs, so it works on
/// every provider the platform supports.
/// </summary>
public sealed class DatabaseRequestCache(IDbContextFactory<EvalDbContext> dbFactory, TimeProvider clock) : IRequestCache
{
    /// <summary>Keys per lookup query: one query for any batch the runner sends, within every provider's parameter limit.</summary>
    public const int LookupSlice = 1000;

    /// <summary>Store attempts before a conflict is given up on (each attempt drops the keys another writer stored).</summary>
    private const int StoreAttempts = 5;

    public DatabaseRequestCache(IDbContextFactory<EvalDbContext> dbFactory) : this(dbFactory, TimeProvider.System)
    {
    }

    public async Task<IReadOnlyDictionary<string, string>> GetManyAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (keys.Count == 0)
            return found;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var slice in keys.Chunk(LookupSlice))
        {
            var rows = await db.RequestCache.AsNoTracking()
                .Where(e => slice.Contains(e.KeyHash))
                .Select(e => new { e.KeyHash, e.ResultJson })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
                found[row.KeyHash] = row.ResultJson;
        }
        return found;
    }

    /// <summary>
    /// Stores the entries in one transaction. A key another writer stored meanwhile makes the insert fail on the
    /// unique index; the keys now present are dropped (the stored result stands) and the rest inserted again.
    /// </summary>
    public async Task SetManyAsync(IReadOnlyDictionary<string, string> entries, CancellationToken cancellationToken = default)
    {
        var pending = entries.ToDictionary(StringComparer.Ordinal);
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            try
            {
                await InsertAsync(pending, cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < StoreAttempts)
            {
                var present = await GetManyAsync(pending.Keys, cancellationToken);
                // Nothing of ours is stored by anyone: the failure was not a conflict, so it is not ours to hide.
                if (present.Count == 0)
                    throw;
                foreach (var key in present.Keys)
                    pending.Remove(key);
            }
        }
    }

    private async Task InsertAsync(IReadOnlyDictionary<string, string> entries, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = clock.GetUtcNow().UtcDateTime;
        db.RequestCache.AddRange(entries.Select(e => new RequestCacheEntry { KeyHash = e.Key, ResultJson = e.Value, CreatedAt = now }));
        // SaveChanges runs every insert in one transaction: a failure stores none of them.
        await db.SaveChangesAsync(cancellationToken);
    }
}
