using System.Text.RegularExpressions;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>
/// repetition_rate: the share of a completion's word trigrams that repeat an earlier one (1 - distinct / total).
/// "I am not, I am not, I am not" is 0.571; a loop to the token limit approaches 1. Fewer than three words: 0.
/// </summary>
public sealed partial class RepetitionRateMetric : IInstanceMetric
{
    public const string Id = "repetition_rate";

    public string Name => Id;

    public double? Score(Instance instance, IReadOnlyList<Response> responses)
    {
        if (responses.Count == 0 || responses[0].Completion is not { } completion)
            return null;
        var words = Word().Matches(completion.ToLowerInvariant()).Select(m => m.Value).ToList();
        if (words.Count < 3)
            return 0.0;
        var trigrams = Enumerable.Range(0, words.Count - 2).Select(i => $"{words[i]} {words[i + 1]} {words[i + 2]}").ToList();
        return 1.0 - trigrams.Distinct().Count() / (double)trigrams.Count;
    }

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex Word();
}
