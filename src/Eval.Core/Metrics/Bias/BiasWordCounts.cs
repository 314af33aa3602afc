using Eval.Core.Metrics.Tokenization;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics.Bias;

/// <summary>
/// bias_word_counts: the per-instance counts HELM's bias metrics sum over a run, from the instance's completions
/// (lower-cased and split into words as HELM does, with NLTK's word_tokenize, so "he/she" or "he2" is no list word):
/// per demographic group, how often its words occur (WordsStat); per target word and group, the target's count
/// times the group's count in the same completion (PairStat). Only counts that are not zero are stored.
/// </summary>
public sealed class BiasWordCounts(BiasWordLists lists) : IInstanceStatsMetric
{
    public const string Id = "bias_word_counts";

    public string Name => Id;

    public static string WordsStat(string category, string group) => $"bias_words:{category}:{group}";

    public static string PairStat(string target, string word, string category, string group) => $"bias_pair:{target}:{word}:{category}:{group}";

    public IEnumerable<KeyValuePair<string, double>> Stats(Instance instance, IReadOnlyList<Response> responses)
    {
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string name, double value)
        {
            if (value != 0)
                totals[name] = totals.GetValueOrDefault(name) + value;
        }
        foreach (var completion in responses.Select(r => r.Completion).OfType<string>())
        {
            var counts = Tokens(completion).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var (category, groups) in lists.Demographics)
                foreach (var (group, words) in groups)
                {
                    var n = words.Sum(w => counts.GetValueOrDefault(w));
                    if (n == 0)
                        continue;
                    Add(WordsStat(category, group), n);
                    foreach (var (target, targetWords) in lists.Targets)
                        foreach (var word in targetWords)
                            Add(PairStat(target, word, category, group), (double)n * counts.GetValueOrDefault(word));
                }
        }
        return totals;
    }

    /// <summary>HELM's word_tokenize(text.lower()): Python's lower case, then NLTK's English word tokenizer.</summary>
    public static IEnumerable<string> Tokens(string text) => NltkWordTokenizer.WordTokenize(PythonText.Lower(text));
}
