namespace Eval.Core.Models;

/// <summary>
/// A completion: its text (cut before a stop sequence), the generated token ids (the eos token that ended it excluded) with their
/// natural-log probabilities under the model (before temperature or top-p), why it ended, the prompt's token count,
/// and timings: milliseconds to the first token (prompt included) and per generated token (the first equals
/// TimeToFirstTokenMs). Requests batched together share their timings.
/// </summary>
public sealed record GenerationResult(
    string Text,
    IReadOnlyList<int> TokenIds,
    IReadOnlyList<float> TokenLogProbs,
    FinishReason FinishReason,
    int PromptTokenCount,
    double TimeToFirstTokenMs,
    IReadOnlyList<double> TokenLatenciesMs);
