using System.Globalization;
using System.Text;
using Eval.Core.Metrics.Tokenization;

namespace Eval.Core.Metrics.Generation;

/// <summary>
/// BLEU of one hypothesis against one reference, as lm-evaluation-harness's truthfulqa_gen computes it with sacrebleu
/// (corpus_bleu of one sentence: tokenize "intl", case kept, smooth_method "exp", no effective order), from 0 to 100.
/// With fewer than four hypothesis tokens the 4-gram precision is undefined and, as in sacrebleu, the score is 0.
/// </summary>
public static class SentenceBleu
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

    /// <summary>
    /// sacrebleu's TokenizerV14International after BLEU's rstrip(): punctuation split off unless next to a digit on
    /// the other side, symbols split off, then str.split(). Its `regex` patterns (\P{N})(\p{P}), (\p{P})(\P{N}) and
    /// (\p{S}) match code points, so each pass walks Runes (an emoji is one symbol, not two surrogates), and the
    /// final split uses Python's whitespace (U+001C-U+001F included).
    /// </summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        var runes = PythonText.RStrip(text).EnumerateRunes().ToList();
        runes = ReplacePairs(runes, (a, b) => !IsNumber(a) && IsPunctuation(b), (a, b) => [a, Space, b, Space]);
        runes = ReplacePairs(runes, (a, b) => IsPunctuation(a) && !IsNumber(b), (a, b) => [Space, a, Space, b]);
        var spaced = new StringBuilder();
        foreach (var r in runes)
        {
            if (IsSymbol(r))
                spaced.Append(' ').Append(r.ToString()).Append(' ');
            else
                spaced.Append(r.ToString());
        }
        return PythonText.Split(spaced.ToString());
    }

    private static readonly Rune Space = new(' ');

    // re.sub of a two-code-point pattern: leftmost matches, scanning on after each one, so they never overlap.
    private static List<Rune> ReplacePairs(List<Rune> runes, Func<Rune, Rune, bool> matches, Func<Rune, Rune, Rune[]> replacement)
    {
        var result = new List<Rune>(runes.Count * 2);
        var i = 0;
        while (i < runes.Count)
        {
            if (i + 1 < runes.Count && matches(runes[i], runes[i + 1]))
            {
                result.AddRange(replacement(runes[i], runes[i + 1]));
                i += 2;
            }
            else
                result.Add(runes[i++]);
        }
        return result;
    }

    private static bool IsNumber(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    private static bool IsPunctuation(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.ConnectorPunctuation
        or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
        or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;

    private static bool IsSymbol(Rune r) => Rune.GetUnicodeCategory(r) is UnicodeCategory.MathSymbol
        or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;

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
}
