using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// The textbook pseudo-log-likelihood, written independently of the scorer: one masked copy per session call (no
/// batching, no padding), the window built from lists, log-softmax in double. The reference the scorer must match.
/// </summary>
public sealed class StraightforwardPll : IDisposable
{
    private readonly InferenceSession session;
    private readonly int maskId;

    public StraightforwardPll(string modelDirectory, int maskId)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        session = new InferenceSession(Path.Combine(modelDirectory, "model.onnx"), options);
        this.maskId = maskId;
    }

    /// <summary>One term per inner token: log p(token) with it and spans[k] - 1 tokens after it masked, seen through a window of that many positions.</summary>
    public double[] Terms(MaskedSentence sentence, int window)
    {
        var prefix = sentence.Ids[..sentence.InnerStart];
        var inner = sentence.Ids[sentence.InnerStart..sentence.InnerEnd];
        var suffix = sentence.Ids[sentence.InnerEnd..];
        var fit = window - prefix.Length - suffix.Length;
        var terms = new double[inner.Length];
        for (var k = 0; k < inner.Length; k++)
        {
            int first = 0, last = inner.Length - 1;
            if (inner.Length > fit)
            {
                // As much context as fits, balanced: half on the left, the rest on the right, any unused side given to the other.
                var left = Math.Min(k, fit / 2);
                var right = Math.Min(inner.Length - 1 - k, fit - 1 - left);
                left = fit - 1 - right;
                (first, last) = (k - left, k + right);
            }
            var masked = inner.ToArray();
            for (var j = k; j < k + sentence.MaskSpans[k]; j++)
                masked[j] = maskId;
            var row = prefix.Concat(masked[first..(last + 1)]).Concat(suffix).ToArray();
            terms[k] = LogProb(row, prefix.Length + k - first, inner[k]);
        }
        return terms;
    }

    private double LogProb(int[] row, int position, int target)
    {
        var ids = row.Select(i => (long)i).ToArray();
        var ones = row.Select(_ => 1L).ToArray();
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, [1, ids.Length]);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(ones, [1, ids.Length]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, ["input_ids", "attention_mask"], [idsValue, maskValue], ["logits"]);
        var vocab = (int)outputs[0].GetTensorTypeAndShape().Shape[2];
        var logits = outputs[0].GetTensorDataAsSpan<float>().Slice(position * vocab, vocab).ToArray();
        var max = logits.Max();
        var logSum = Math.Log(logits.Sum(l => Math.Exp(l - max))) + max;
        return logits[target] - logSum;
    }

    public void Dispose() => session.Dispose();
}
