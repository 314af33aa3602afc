namespace Eval.Inference.Onnx;

/// <summary>
/// Chooses groups of sequences that share a prefix (<see cref="ScoreGroup"/>), to feed fewer tokens. Sequences
/// are sorted lexicographically, so a group is a run of neighbours and its common prefix is the smallest common
/// prefix of adjacent members; a dynamic programme over that order picks the runs that save the most tokens.
/// A group's prefix stops one token short of the common part, so the target of its last position is still shared.
/// </summary>
public static class PrefixPlanner
{
    /// <summary>Members per group at most: larger groups save little more and widen the batches' padding.</summary>
    public const int MaxGroupSize = 16;

    /// <summary>Every sequence on its own (exports without a cache, or sharing turned off).</summary>
    public static IReadOnlyList<ScoreGroup> Singletons(IReadOnlyList<TokenSequence> sequences) =>
        sequences.Select((s, i) => new ScoreGroup([i], s.InputLength)).ToList();

    /// <param name="budget">Tokens per call: a group's members together feed no more (long texts stay apart).</param>
    public static IReadOnlyList<ScoreGroup> Plan(IReadOnlyList<TokenSequence> sequences, int budget = int.MaxValue)
    {
        var n = sequences.Count;
        var full = sequences.Select(s => s.Tokens).ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        Array.Sort(order, (a, b) => Compare(full[a], full[b]) is var c && c != 0 ? c : a.CompareTo(b));
        var lcp = new int[Math.Max(0, n - 1)];
        for (var i = 0; i + 1 < n; i++)
            lcp[i] = CommonPrefix(full[order[i]], full[order[i + 1]]);

        // saved[j]: most tokens saved by grouping the first j sequences of the order; size[j]: the last group's size.
        var saved = new long[n + 1];
        var size = new int[n + 1];
        for (var j = 1; j <= n; j++)
        {
            saved[j] = saved[j - 1];
            size[j] = 1;
            var common = int.MaxValue;
            var longest = sequences[order[j - 1]].InputLength;
            for (var k = 2; k <= Math.Min(MaxGroupSize, j); k++)
            {
                common = Math.Min(common, lcp[j - k]);
                longest = Math.Max(longest, sequences[order[j - k]].InputLength);
                if ((long)k * longest > budget)
                    break;
                var prefix = common - 1;
                if (prefix < 1)
                    break;
                var candidate = saved[j - k] + (long)(k - 1) * prefix;
                if (candidate > saved[j])
                {
                    saved[j] = candidate;
                    size[j] = k;
                }
            }
        }

        var groups = new List<ScoreGroup>();
        for (var j = n; j > 0; j -= size[j])
        {
            var k = size[j];
            var members = order[(j - k)..j];
            var prefix = k == 1 ? sequences[members[0]].InputLength : Enumerable.Range(j - k, k - 1).Min(i => lcp[i]) - 1;
            groups.Add(new ScoreGroup(members, prefix));
        }
        groups.Reverse();
        return groups;
    }

    private static int Compare(int[] a, int[] b)
    {
        var common = CommonPrefix(a, b);
        if (common < a.Length && common < b.Length)
            return a[common].CompareTo(b[common]);
        return a.Length.CompareTo(b.Length);
    }

    private static int CommonPrefix(int[] a, int[] b)
    {
        var length = Math.Min(a.Length, b.Length);
        var i = 0;
        while (i < length && a[i] == b[i])
            i++;
        return i;
    }
}
