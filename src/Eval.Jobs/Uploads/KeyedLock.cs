namespace Eval.Jobs.Uploads;

/// <summary>
/// One holder at a time per key (a model's SHA-256) within this process: two uploads of the same content wait for
/// each other instead of both validating and storing it. Across processes the unique index on models.IdentitySha256 and
/// the atomic rename of the model folder are the guards.
/// </summary>
public sealed class KeyedLock
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (entries)
        {
            if (!entries.TryGetValue(key, out entry!))
                entries[key] = entry = new Entry();
            entry.Users++;
        }
        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry, release: false);
            throw;
        }
        return new Holder(() => Leave(key, entry, release: true));
    }

    private void Leave(string key, Entry entry, bool release)
    {
        if (release)
            entry.Gate.Release();
        lock (entries)
            if (--entry.Users == 0)
                entries.Remove(key);
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Users { get; set; }
    }

    private sealed class Holder(Action release) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                release();
        }
    }
}
