namespace Eval.Inference.Onnx;

/// <summary>
/// Reads log p(target) and whether the target is the argmax at one position of a decoder call: from the scoring
/// head's outputs when the session has it, else by a log-softmax over that position's logits.
/// </summary>
public sealed class ScoreReader(DecoderOutputs outputs, int vocabSize)
{
    private readonly ThreadLocal<float[]> scratch = new(() => new float[vocabSize]);

    public float Read(int row, int position, int target, out bool isArgmax)
    {
        var at = row * outputs.Length + position;
        if (outputs.LogProbs is { } logProbs)
        {
            isArgmax = outputs.Argmax![at] == target;
            return logProbs[at];
        }
        var logits = outputs.Logits.AsSpan((int)((long)at * vocabSize), vocabSize);
        return LogSoftmax.LogProbOf(logits, target, scratch.Value!, out isArgmax);
    }
}
