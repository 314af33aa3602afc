using System.Buffers;

namespace Eval.Inference.Onnx;

/// <summary>
/// A key/value cache held in managed memory: one float32 [rows, heads, length, head_dim] block per past input, in
/// the order of <see cref="DecoderSignature.PastNames"/>; heads and head_dim may differ from one block to the next
/// (exports whose layers keep different numbers of key/value heads). ONNX Runtime writes present.* straight into these
/// blocks, and the next call reads them as past_key_values.*: no copy unless rows are selected. The blocks are
/// pooled (fresh large arrays cost page faults and zeroing on every call): dispose a cache when done with it.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly float[][] arrays;
    private readonly (int Heads, int HeadDim)[] shapes;
    private bool disposed;

    private KvCache(int rows, int length, (int Heads, int HeadDim)[] shapes, float[][] arrays)
    {
        Rows = rows;
        Length = length;
        Heads = shapes.Length > 0 ? shapes[0].Heads : 0;
        HeadDim = shapes.Length > 0 ? shapes[0].HeadDim : 0;
        this.shapes = shapes;
        this.arrays = arrays;
    }

    public int Rows { get; }

    /// <summary>Positions held per row (padding included; the attention mask tells which are real).</summary>
    public int Length { get; }

    /// <summary>Heads of the first block (of every block unless layers differ).</summary>
    public int Heads { get; }

    /// <summary>head_dim of the first block (of every block unless layers differ).</summary>
    public int HeadDim { get; }

    public int Count => arrays.Length;

    /// <summary>Elements of the first tensor: rows x heads x length x head_dim.</summary>
    public int Elements => Rows * Heads * Length * HeadDim;

    public Memory<float> Tensor(int index)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return arrays[index].AsMemory(0, Rows * Length * shapes[index].Heads * shapes[index].HeadDim);
    }

    /// <summary>A cache of uninitialised blocks for ONNX Runtime to fill.</summary>
    public static KvCache Allocate(int rows, int length, int heads, int headDim, int count) =>
        Allocate(rows, length, Enumerable.Repeat((heads, headDim), count).ToArray());

    /// <summary>A cache of uninitialised blocks, each of its own heads and head_dim.</summary>
    public static KvCache Allocate(int rows, int length, IReadOnlyList<(int Heads, int HeadDim)> shapes)
    {
        var arrays = new float[shapes.Count][];
        for (var i = 0; i < shapes.Count; i++)
            arrays[i] = ArrayPool<float>.Shared.Rent(Math.Max(1, rows * shapes[i].Heads * length * shapes[i].HeadDim));
        return new KvCache(rows, length, [.. shapes], arrays);
    }

    /// <summary>A cache of the given rows of this one, in that order; a row may appear more than once.</summary>
    public KvCache SelectRows(IReadOnlyList<int> rows)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var result = Allocate(rows.Count, Length, shapes);
        for (var t = 0; t < Count; t++)
        {
            var block = shapes[t].Heads * Length * shapes[t].HeadDim;
            for (var r = 0; r < rows.Count; r++)
                Array.Copy(arrays[t], rows[r] * block, result.arrays[t], r * block, block);
        }
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
