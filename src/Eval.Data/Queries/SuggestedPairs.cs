using Eval.Data.Entities;

namespace Eval.Data.Queries;

/// <summary>
/// Pairs of finished runs of one scenario worth comparing, for a Compare page nobody has filled in yet: one run per
/// model (the first listed: the most instances, then the newest), pairs run alike (same sample, same convention),
/// the most alike names first (a checkpoint beside its later self: gpt-mini-bpe8k-early and gpt-mini-bpe8k).
/// </summary>
public static class SuggestedPairs
{
    public static IReadOnlyList<(RunEntity A, RunEntity B)> For(IReadOnlyList<RunEntity> runs, int count = 3)
    {
        var perModel = runs.GroupBy(r => r.ModelId).Select(g => g.First()).ToList();
        var pairs = new List<(RunEntity A, RunEntity B)>();
        for (var i = 0; i < perModel.Count; i++)
            for (var j = i + 1; j < perModel.Count; j++)
                if (perModel[i].SamplePerSubset == perModel[j].SamplePerSubset && perModel[i].Convention == perModel[j].Convention)
                    pairs.Add((perModel[i], perModel[j]));
        return pairs.OrderByDescending(p => SharedPrefix(Name(p.A), Name(p.B)))
            .ThenBy(p => Name(p.A), StringComparer.Ordinal).ThenBy(p => Name(p.B), StringComparer.Ordinal)
            .Take(count).ToList();
    }

    private static string Name(RunEntity run) => run.Model?.Name ?? "";

    private static int SharedPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n])
            n++;
        return n;
    }
}
