namespace Eval.Core.Models;

/// <summary>
/// IsGreedy: greedy decoding from the context would produce exactly the continuation (lm-eval's definition).
/// Truncated: the request did not fit the model's context window and its earliest context tokens were dropped.
/// </summary>
public sealed record LogLikelihoodResult(double LogProb, int TokenCount, bool IsGreedy, IReadOnlyList<float>? TokenLogProbs = null)
{
    public bool Truncated { get; init; }
}
