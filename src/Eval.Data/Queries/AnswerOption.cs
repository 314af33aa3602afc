namespace Eval.Data.Queries;

/// <summary>
/// One answer of an instance as a run saw it: the reference text, the choice set it belongs to (TruthfulQA's mc1,
/// mc2), whether it is the gold answer (for generation: a true reference), whether the model picked it, its summed
/// log-probability, the convention's score and its probability within its set (softmax of the scores). A generation's
/// reference has no log-probability: Similarity is then its BLEU against the completion (0 to 100).
/// </summary>
public sealed record AnswerOption(int Index, string Text, string? Set, bool IsGold, bool IsChosen, double? LogProb = null,
    double? Score = null, double? Probability = null, int? TokenCount = null, double? Similarity = null);
