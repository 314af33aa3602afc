using System.Text.RegularExpressions;
using Eval.Core.Metrics.Tokenization;

namespace Eval.Core.Metrics.Generation;

/// <summary>
/// ROUGE F-measures (0 to 100) of a prediction against one reference, as lm-evaluation-harness's truthfulqa_gen
/// computes them with Google's rouge_score (no stemming): text lower-cased as Python does, every run of characters
/// other than a-z and 0-9 a separator. ROUGE-N: clipped n-gram overlap. ROUGE-L is rougeLsum, as lm-eval reports under rougeL:
/// " . " becomes ".\n", the texts are split into lines, and each reference line's union LCS with the prediction's
/// lines counts as hits (on one line each, the plain LCS).
/// </summary>
public static partial class Rouge
{
    public static double RougeN(string prediction, string reference, int n)
    {
        var target = NGrams(Tokenize(reference), n);
        var predicted = NGrams(Tokenize(prediction), n);
        var overlap = target.Sum(kv => Math.Min(kv.Value, predicted.GetValueOrDefault(kv.Key)));
        var precision = (double)overlap / Math.Max(predicted.Values.Sum(), 1);
        var recall = (double)overlap / Math.Max(target.Values.Sum(), 1);
        return 100.0 * FMeasure(precision, recall);
    }

    public static double RougeLsum(string prediction, string reference)
    {
        var refLines = Lines(reference);
        var predLines = Lines(prediction);
        var m = refLines.Sum(l => l.Count);
        var n = predLines.Sum(l => l.Count);
        if (m == 0 || n == 0)
            return 0.0;
        var refCounts = Counts(refLines.SelectMany(l => l));
        var predCounts = Counts(predLines.SelectMany(l => l));
        var hits = 0;
        foreach (var line in refLines)
            foreach (var token in UnionLcs(line, predLines))
                if (predCounts.GetValueOrDefault(token) > 0 && refCounts.GetValueOrDefault(token) > 0)
                {
                    hits++;
                    predCounts[token]--;
                    refCounts[token]--;
                }
        return 100.0 * FMeasure((double)hits / n, (double)hits / m);
    }

    /// <summary>The length of the longest common subsequence of two token lists.</summary>
    public static int Lcs(IReadOnlyList<string> a, IReadOnlyList<string> b) => LcsTable(a, b)[a.Count, b.Count];

    /// <summary>rouge_score's tokenize without a stemmer: Python's str.lower() (so "İ" becomes "i" and a combining
    /// dot, which separates), then every run of characters other than a-z and 0-9 a separator.</summary>
    public static IReadOnlyList<string> Tokenize(string text) =>
        NonAlphanumeric().Replace(PythonText.Lower(text), " ").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static List<IReadOnlyList<string>> Lines(string text) =>
        text.Replace(" . ", ".\n").Split('\n').Where(l => l.Length > 0).Select(Tokenize).ToList();

    /// <summary>The reference tokens on an LCS with any prediction line, in reference order, each position once.</summary>
    private static IEnumerable<string> UnionLcs(IReadOnlyList<string> reference, List<IReadOnlyList<string>> predictions)
    {
        var positions = new SortedSet<int>();
        foreach (var p in predictions)
            positions.UnionWith(LcsPositions(reference, p));
        return positions.Select(i => reference[i]);
    }

    // rouge_score's _backtrack_norec: which LCS is taken when there are several decides the union.
    private static List<int> LcsPositions(IReadOnlyList<string> reference, IReadOnlyList<string> candidate)
    {
        var t = LcsTable(reference, candidate);
        var (i, j) = (reference.Count, candidate.Count);
        var positions = new List<int>();
        while (i > 0 && j > 0)
        {
            if (reference[i - 1] == candidate[j - 1])
            {
                positions.Insert(0, i - 1);
                i--;
                j--;
            }
            else if (t[i, j - 1] > t[i - 1, j])
                j--;
            else
                i--;
        }
        return positions;
    }

    private static int[,] LcsTable(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var t = new int[a.Count + 1, b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
            for (var j = 1; j <= b.Count; j++)
                t[i, j] = a[i - 1] == b[j - 1] ? t[i - 1, j - 1] + 1 : Math.Max(t[i - 1, j], t[i, j - 1]);
        return t;
    }

    private static Dictionary<string, int> NGrams(IReadOnlyList<string> tokens, int n) =>
        Counts(Enumerable.Range(0, Math.Max(0, tokens.Count - n + 1)).Select(i => string.Join(' ', tokens.Skip(i).Take(n))));

    private static Dictionary<string, int> Counts(IEnumerable<string> items)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
            counts[item] = counts.GetValueOrDefault(item) + 1;
        return counts;
    }

    private static double FMeasure(double precision, double recall) =>
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonAlphanumeric();
}
