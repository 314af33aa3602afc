namespace Eval.Data.Queries;

/// <summary>
/// An instance's answers marked for a reader: gold and chosen per option with their log-probabilities; for a minimal
/// pair the score difference (first sentence minus second: positive when the model prefers the gold one); for
/// generation the model's completion beside the references.
/// </summary>
public sealed record InstanceAnswers(AnswerKind Kind, IReadOnlyList<AnswerOption> Options, string? Completion = null)
{
    public double? PairDifference => Kind == AnswerKind.MinimalPair && Options is [{ Score: { } first }, { Score: { } second }] ? first - second : null;

    /// <summary>The choice sets in the order they first appear (one null set when the instance has a single one).</summary>
    public IReadOnlyList<string?> Sets => Options.Select(o => o.Set).Distinct().ToList();
}
