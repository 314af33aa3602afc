namespace Eval.Core.Runner;

/// <summary>A request and its response, as stored and exported; Truncated: the context was cut on the left to fit.</summary>
public sealed record ScoredRequest(
    int Index, string Prompt, string Continuation, double LogProb, int TokenCount, bool IsGreedy, bool Truncated = false);
