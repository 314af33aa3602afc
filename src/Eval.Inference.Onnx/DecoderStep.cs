namespace Eval.Inference.Onnx;

/// <summary>
/// One decoder call: Rows x Length new tokens, their position ids (counting real tokens only), an attention mask of
/// Rows x (past + Length), the cache to continue from (none: an empty past) and, for the scoring head, the token
/// whose log-prob is read at each position.
/// </summary>
public sealed record DecoderStep(
    int Rows,
    int Length,
    long[] InputIds,
    long[] AttentionMask,
    long[] PositionIds,
    KvCache? Past = null,
    long[]? Targets = null)
{
    public int PastLength => Past?.Length ?? 0;
}
