using Eval.Core.Models;

namespace Eval.Inference.Onnx;

/// <summary>
/// One loaded model per model folder and options in the process, shared by every run that rents it, and disposed
/// once nobody has rented it for the idle timeout. Loading takes a session build and the tokenizer; a worker that
/// runs many scenarios on one model pays it once.
/// </summary>
public sealed class ModelSessionPool : IDisposable
{
    private readonly Dictionary<string, PoolEntry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly TimeSpan idleTimeout;
    private readonly TimeProvider time;
    private readonly ITimer timer;
    private bool disposed;

    public ModelSessionPool(TimeSpan idleTimeout, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleTimeout, TimeSpan.Zero);
        this.idleTimeout = idleTimeout;
        this.time = time ?? TimeProvider.System;
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, idleTimeout.Ticks / 2));
        timer = this.time.CreateTimer(_ => Trim(), null, period, period);
    }

    /// <summary>Models loaded now (rented or idle).</summary>
    public int Count
    {
        get
        {
            lock (gate)
                return entries.Count;
        }
    }

    /// <summary>The folder's causal model loaded with these options (loading it if needed); dispose the lease when done with it.</summary>
    public ModelLease Rent(string directory, InferenceOptions options)
    {
        var (model, release) = Rent(directory, options, ModelKind.Causal);
        return new ModelLease((OnnxLanguageModel)model, release);
    }

    /// <summary>
    /// The folder's model of this kind (a masked LM as <see cref="MaskedLanguageModel"/>), shared and kept warm like a
    /// causal one; call release (once) when done with it, and do not dispose the model.
    /// </summary>
    public (ILanguageModel Model, Action Release) Rent(string directory, InferenceOptions options, ModelKind kind)
    {
        var key = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)) + "|" + kind + "|" + options.CacheKey();
        PoolEntry entry;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!entries.TryGetValue(key, out entry!))
            {
                var copy = options.Clone();
                entry = new PoolEntry(key, new Lazy<ILanguageModel>(() => kind == ModelKind.Masked
                    ? (ILanguageModel)MaskedLanguageModel.Load(directory, copy)
                    : OnnxLanguageModel.Load(directory, copy)));
                entries[key] = entry;
            }
            entry.Leases++;
        }

        try
        {
            return (entry.Model.Value, () => Release(entry));
        }
        catch
        {
            // A folder that failed to load is not kept: the next rent tries again.
            lock (gate)
            {
                entry.Leases--;
                if (entries.GetValueOrDefault(key) == entry)
                    entries.Remove(key);
            }
            throw;
        }
    }

    /// <summary>Disposes the models nobody has rented for the idle timeout (also run by the pool's timer).</summary>
    public void Trim()
    {
        List<PoolEntry> idle;
        lock (gate)
        {
            var now = time.GetUtcNow();
            idle = entries.Values.Where(e => e.Leases == 0 && now - e.LastReleased >= idleTimeout).ToList();
            foreach (var entry in idle)
                entries.Remove(entry.Key);
        }
        foreach (var entry in idle)
            entry.DisposeModel();
    }

    public void Dispose()
    {
        List<PoolEntry> all;
        lock (gate)
        {
            if (disposed)
                return;
            disposed = true;
            all = entries.Values.ToList();
            entries.Clear();
        }
        timer.Dispose();
        foreach (var entry in all)
            entry.DisposeModel();
    }

    private void Release(PoolEntry entry)
    {
        lock (gate)
        {
            entry.Leases--;
            entry.LastReleased = time.GetUtcNow();
        }
    }

    private sealed class PoolEntry(string key, Lazy<ILanguageModel> model)
    {
        public string Key { get; } = key;

        public Lazy<ILanguageModel> Model { get; } = model;

        public int Leases { get; set; }

        public DateTimeOffset LastReleased { get; set; }

        public void DisposeModel()
        {
            if (Model.IsValueCreated)
                Model.Value.Dispose();
        }
    }
}
