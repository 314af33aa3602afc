using System.Buffers;

namespace Eval.Inference.Onnx;

/// <summary>
/// What a decoder call returned, in row-major [Rows, Length(, vocab)] arrays: logits, the new cache (past + new
/// positions), and from the scoring head each position's target log-prob and argmax. Null: not fetched. The logits
/// array is pooled and may be longer than Rows x Length x vocab: dispose the outputs when done with them. The cache
/// is the caller's to keep and dispose.
/// </summary>
public sealed class DecoderOutputs(int rows, int length, float[]? logits, KvCache? present, float[]? logProbs, long[]? argmax) : IDisposable
{
    public int Rows { get; } = rows;

    public int Length { get; } = length;

    public float[]? Logits { get; private set; } = logits;

    public KvCache? Present { get; } = present;

    public float[]? LogProbs { get; } = logProbs;

    public long[]? Argmax { get; } = argmax;

    public void Dispose()
    {
        if (Logits is { } pooled)
            ArrayPool<float>.Shared.Return(pooled);
        Logits = null;
    }
}
