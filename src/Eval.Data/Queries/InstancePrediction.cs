namespace Eval.Data.Queries;

/// <summary>
/// What one run answered on one instance: the chosen reference (Choice, its text as Answer) for minimal pairs and
/// multiple choice, or the greedy completion (Choice -1) for generation; whether it was right (accuracy, when the
/// scenario has it) and the instance's other stats.
/// </summary>
public sealed record InstancePrediction(string InstanceId, string? Subset, int Choice, string Answer, double? Correct,
    IReadOnlyDictionary<string, double> Stats)
{
    /// <summary>Two runs disagree when they chose different answers (or, for generation, completed differently).</summary>
    public bool DisagreesWith(InstancePrediction other) =>
        Choice >= 0 && other.Choice >= 0 ? Choice != other.Choice : !string.Equals(Answer, other.Answer, StringComparison.Ordinal);
}
