namespace Eval.Core.Models;

/// <summary>
/// Continue the context with at most MaxTokens tokens. Temperature 0 is greedy; above 0 samples from the
/// temperature-scaled distribution, restricted to the smallest set of tokens whose probability reaches TopP, with a
/// generator seeded by Seed (the same request gives the same text wherever it falls in a batch). Generation ends at
/// the first stop sequence in the decoded text (the text is cut before it), at the eos token (unless IgnoreEos, as
/// fixed-length benchmarks and the reference fixtures need), or after MaxTokens. PromptTokenIds, when given, is the
/// prompt itself (token ids, not text; Context is then ignored): the efficiency scenario's synthetic prompts of an exact length.
/// </summary>
public sealed record GenerationRequest(
    string Context,
    int MaxTokens,
    IReadOnlyList<string>? StopSequences = null,
    double Temperature = 0,
    double TopP = 1,
    int Seed = 0,
    bool IgnoreEos = false,
    IReadOnlyList<int>? PromptTokenIds = null);
