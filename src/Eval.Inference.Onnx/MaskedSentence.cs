namespace Eval.Inference.Onnx;

/// <summary>
/// A text as a masked LM scores it: Ids with the tokenizer's special tokens around it (&lt;s&gt; ... &lt;/s&gt;); the
/// inner tokens [InnerStart, InnerEnd) are scored, each with MaskSpans[k] tokens masked from it on (1 for PLL; for
/// PLL-word-l2r also the rest of its word).
/// </summary>
public sealed record MaskedSentence(int[] Ids, int InnerStart, int InnerEnd, int[] MaskSpans)
{
    public int InnerCount => InnerEnd - InnerStart;

    public string Key => string.Join(',', Ids) + "|" + InnerStart + "|" + string.Join(',', MaskSpans);
}
