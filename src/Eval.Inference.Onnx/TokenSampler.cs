using System.Numerics.Tensors;
using Eval.Core.Models;

namespace Eval.Inference.Onnx;

/// <summary>
/// Picks the next token from one position's logits: the argmax (the first, on ties) at temperature 0, else a draw
/// from softmax(logits / temperature) restricted to the most likely tokens whose mass reaches top_p (nucleus).
/// </summary>
public static class TokenSampler
{
    /// <param name="scratch">Two buffers of the vocabulary's length, reused across calls.</param>
    public static int Pick(ReadOnlySpan<float> logits, GenerationRequest request, SeededRandom random, float[] scratch, int[] order)
    {
        if (request.Temperature <= 0)
            return TensorPrimitives.IndexOfMax(logits);

        var probs = scratch.AsSpan(0, logits.Length);
        TensorPrimitives.Divide(logits, (float)request.Temperature, probs);
        TensorPrimitives.SoftMax(probs, probs);

        var u = random.NextDouble();
        if (request.TopP >= 1)
            return Draw(probs, u);

        // Most likely first; equal probabilities by id, so the order does not depend on the sort's stability.
        var ids = order.AsSpan(0, logits.Length);
        for (var i = 0; i < ids.Length; i++)
            ids[i] = i;
        var copy = probs.ToArray();
        ids.Sort((a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        double kept = 0;
        var count = 0;
        while (count < ids.Length && (count == 0 || kept < request.TopP))
            kept += copy[ids[count++]];
        var target = u * kept;
        double sum = 0;
        for (var i = 0; i < count; i++)
        {
            sum += copy[ids[i]];
            if (target < sum)
                return ids[i];
        }
        return ids[count - 1];
    }

    private static int Draw(ReadOnlySpan<float> probs, double u)
    {
        double sum = 0;
        for (var i = 0; i < probs.Length; i++)
        {
            sum += probs[i];
            if (u < sum)
                return i;
        }
        // Rounding left the total a little under 1: the last token with any mass.
        for (var i = probs.Length - 1; i >= 0; i--)
            if (probs[i] > 0)
                return i;
        return probs.Length - 1;
    }
}
