namespace Eval.Core.Models;

/// <summary>IsGreedy: greedy decoding from the context would produce exactly the continuation (lm-eval's definition).</summary>
public sealed record LogLikelihoodResult(double LogProb, int TokenCount, bool IsGreedy, IReadOnlyList<float>? TokenLogProbs = null);
