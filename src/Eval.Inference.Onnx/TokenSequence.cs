namespace Eval.Inference.Onnx;

/// <summary>
/// A request in tokens: the context (at least the bos/eos id) and the continuation to score; Truncated when the
/// earliest context tokens were dropped to fit the context window.
/// </summary>
public sealed record TokenSequence(int[] Context, int[] Continuation, bool Truncated = false)
{
    /// <summary>What the model is fed: everything but the last token, whose probability is read at the position before it.</summary>
    public int InputLength => Context.Length + Continuation.Length - 1;

    /// <summary>Context and continuation as one list.</summary>
    public int[] Tokens => [.. Context, .. Continuation];

    /// <summary>The token at a position of <see cref="Tokens"/>.</summary>
    public int this[int position] => position < Context.Length ? Context[position] : Continuation[position - Context.Length];

    public string Key => string.Join(',', Context) + "|" + string.Join(',', Continuation);
}
