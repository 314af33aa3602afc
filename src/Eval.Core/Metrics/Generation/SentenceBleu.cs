using System.Text.RegularExpressions;

namespace Eval.Core.Metrics.Generation;

/// <summary>
/// BLEU of one hypothesis against one reference, as lm-evaluation-harness's truthfulqa_gen computes it with sacrebleu
/// (corpus_bleu of one sentence: tokenize "intl", case kept, smooth_method "exp", no effective order), from 0 to 100.
/// With fewer than four hypothesis tokens the 4-gram precision is undefined and, as in sacrebleu, the score is 0.
/// </summary>
public static partial class SentenceBleu
{
    private const int MaxOrder = 4;

    public static double Score(string hypothesis, string reference)
    {
        var hyp = Tokenize(hypothesis);
        var refTokens = Tokenize(reference);
        var correct = new int[MaxOrder];
        var total = new int[MaxOrder];
        for (var n = 1; n <= MaxOrder; n++)
        {
            var refCounts = NGrams(refTokens, n);
            foreach (var (gram, count) in NGrams(hyp, n))
            {
                total[n - 1] += count;
                correct[n - 1] += Math.Min(count, refCounts.GetValueOrDefault(gram));
            }
        }
        if (correct.All(c => c == 0))
            return 0.0;

        var bp = hyp.Count >= refTokens.Count ? 1.0 : Math.Exp(1.0 - (double)refTokens.Count / hyp.Count);
        var precisions = new double[MaxOrder];
        var smooth = 1.0;
        for (var n = 0; n < MaxOrder; n++)
        {
            if (total[n] == 0)
                break;
            if (correct[n] == 0)
            {
                smooth *= 2;
                precisions[n] = 100.0 / (smooth * total[n]);
            }
            else
                precisions[n] = 100.0 * correct[n] / total[n];
        }
        // sacrebleu's my_log: a zero precision counts as log = -9999999999, which sends the score to 0.
        var logSum = precisions.Sum(p => p == 0 ? -9999999999.0 : Math.Log(p));
        return bp * Math.Exp(logSum / MaxOrder);
    }

    /// <summary>sacrebleu's TokenizerV14International: punctuation split off unless next to a digit, symbols split off.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        var line = text.TrimEnd();
        line = PunctuationAfterNonDigit().Replace(line, "$1 $2 ");
        line = PunctuationBeforeNonDigit().Replace(line, " $1 $2");
        line = Symbol().Replace(line, " $1 ");
        return line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    private static Dictionary<string, int> NGrams(IReadOnlyList<string> tokens, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var gram = string.Join(' ', tokens.Skip(i).Take(n));
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }
        return counts;
    }

    [GeneratedRegex(@"(\P{N})(\p{P})")]
    private static partial Regex PunctuationAfterNonDigit();

    [GeneratedRegex(@"(\p{P})(\P{N})")]
    private static partial Regex PunctuationBeforeNonDigit();

    [GeneratedRegex(@"(\p{S})")]
    private static partial Regex Symbol();
}
