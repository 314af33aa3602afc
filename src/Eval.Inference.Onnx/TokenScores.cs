namespace Eval.Inference.Onnx;

/// <summary>Per-token natural-log probabilities of a continuation, and whether greedy decoding picks every token.</summary>
public sealed record TokenScores(float[] LogProbs, bool IsGreedy)
{
    public double Total
    {
        get
        {
            var sum = 0.0;
            foreach (var p in LogProbs)
                sum += p;
            return sum;
        }
    }
}
