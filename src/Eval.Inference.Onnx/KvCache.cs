using System.Buffers;

namespace Eval.Inference.Onnx;

/// <summary>
/// A key/value cache held in managed memory: one float32 [rows, heads, length, head_dim] block per past input, in
/// the order of <see cref="DecoderSignature.PastNames"/>. ONNX Runtime writes present.* straight into these
/// blocks, and the next call reads them as past_key_values.*: no copy unless rows are selected. The blocks are
/// pooled (fresh large arrays cost page faults and zeroing on every call): dispose a cache when done with it.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly float[][] arrays;
    private bool disposed;

    private KvCache(int rows, int length, int heads, int headDim, float[][] arrays)
    {
        Rows = rows;
        Length = length;
        Heads = heads;
        HeadDim = headDim;
        this.arrays = arrays;
    }

    public int Rows { get; }

    /// <summary>Positions held per row (padding included; the attention mask tells which are real).</summary>
    public int Length { get; }

    public int Heads { get; }

    public int HeadDim { get; }

    public int Count => arrays.Length;

    /// <summary>Elements of one tensor: rows x heads x length x head_dim.</summary>
    public int Elements => Rows * Heads * Length * HeadDim;

    public Memory<float> Tensor(int index)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return arrays[index].AsMemory(0, Elements);
    }

    /// <summary>A cache of uninitialised blocks for ONNX Runtime to fill.</summary>
    public static KvCache Allocate(int rows, int length, int heads, int headDim, int count)
    {
        var size = rows * heads * length * headDim;
        var arrays = new float[count][];
        for (var i = 0; i < count; i++)
            arrays[i] = ArrayPool<float>.Shared.Rent(Math.Max(1, size));
        return new KvCache(rows, length, heads, headDim, arrays);
    }

    /// <summary>A cache of the given rows of this one, in that order; a row may appear more than once.</summary>
    public KvCache SelectRows(IReadOnlyList<int> rows)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var block = Heads * Length * HeadDim;
        var result = Allocate(rows.Count, Length, Heads, HeadDim, Count);
        for (var t = 0; t < Count; t++)
            for (var r = 0; r < rows.Count; r++)
                Array.Copy(arrays[t], rows[r] * block, result.arrays[t], r * block, block);
        return result;
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        foreach (var array in arrays)
            ArrayPool<float>.Shared.Return(array);
    }
}
