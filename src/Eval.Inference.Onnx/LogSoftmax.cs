using System.Numerics.Tensors;

namespace Eval.Inference.Onnx;

/// <summary>log p(target) from one row of logits, without materialising the whole log-softmax.</summary>
public static class LogSoftmax
{
    /// <param name="scratch">A buffer of the row's length, reused across calls.</param>
    public static float LogProbOf(ReadOnlySpan<float> logits, int target, Span<float> scratch, out bool isArgmax)
    {
        var max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, scratch);
        TensorPrimitives.Exp(scratch, scratch);
        var sum = TensorPrimitives.Sum(scratch);
        isArgmax = TensorPrimitives.IndexOfMax(logits) == target;
        return logits[target] - max - MathF.Log(sum);
    }
}
