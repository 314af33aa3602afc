namespace Eval.Inference.Onnx.Graph;

/// <summary>
/// Extends a decoder with the scoring tail: log-softmax of the logits, the log-prob of each position's target
/// token, and the argmax (for is_greedy). Scoring then fetches [batch, sequence] numbers instead of
/// [batch, sequence, vocab] logits, and ONNX Runtime does the softmax next to the LM head.
/// </summary>
public static class ScoringHead
{
    /// <summary>int64 [batch, sequence, 1]: the token whose log-prob is read at each position (any id at padding).</summary>
    public const string Targets = "eval_score_targets";

    /// <summary>float32 [batch, sequence, 1]: log p(target | tokens up to this position).</summary>
    public const string LogProbs = "eval_score_logprobs";

    /// <summary>int64 [batch, sequence, 1]: the most likely token (the first, on ties) at each position.</summary>
    public const string Argmax = "eval_score_argmax";

    private const string LogSoftmaxOutput = "eval_score_log_softmax";

    public static byte[] Append(ReadOnlySpan<byte> model, string logits = DecoderSignature.Logits)
    {
        var fragment = new OnnxGraphBuilder()
            .Input(Targets, OnnxElementType.Int64, [null, null, 1L])
            .Node("LogSoftmax", [logits], [LogSoftmaxOutput], ("axis", -1))
            .Node("GatherElements", [LogSoftmaxOutput, Targets], [LogProbs], ("axis", -1))
            .Node("ArgMax", [logits], [Argmax], ("axis", -1), ("keepdims", 1))
            .Output(LogProbs, OnnxElementType.Float, [null, null, 1L])
            .Output(Argmax, OnnxElementType.Int64, [null, null, 1L])
            .GraphFields();
        return ModelGraphEditor.MergeIntoGraph(model, fragment);
    }
}
