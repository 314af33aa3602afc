namespace Eval.Core.Runner;

/// <summary>
/// The model's answer to one request, as metrics see it. Score is what the adapter's convention compares: the summed
/// log-probability, or a normalised form of it (length_normalized: per token). A generation adapter adds the
/// completion: the generated text and why generation ended (null for a log-likelihood request).
/// </summary>
public sealed record Response(double LogProb, int TokenCount, bool IsGreedy, double Score, bool Truncated = false,
    string? Completion = null, Models.FinishReason? Finish = null)
{
    /// <summary>Figures measured while answering (the efficiency scenario's timings, memory and energy), by stat id.</summary>
    public IReadOnlyDictionary<string, double>? Measurements { get; init; }

    /// <summary>A response whose score is its summed log-probability (one token): for tests and simple adapters.</summary>
    public static Response WithLogProb(double logProb) => new(logProb, 1, false, logProb);
}
