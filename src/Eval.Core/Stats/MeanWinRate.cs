namespace Eval.Core.Stats;

/// <summary>
/// The summary leaderboard's aggregates (HELM): a model's win rate in a column is
/// win(r, c) = (#rows strictly worse than r in c + (#rows tied with r, r included, - 1) / 2) / (N_c - 1), with N_c
/// the rows that have a value in c; "worse" follows the column's direction. Its mean win rate averages the columns
/// where it has a value and at least one other row does too. Missing values are null. Where a column's values are
/// measurements (efficiency), tied(column, row, other) says which pairs are too close to rank apart (MeasuredTie):
/// they count as ties, neither better nor worse.
/// </summary>
public static class MeanWinRate
{
    /// <summary>values[row][column]; lowerIsBetter[column]. Null for a row with no comparable column.</summary>
    public static IReadOnlyList<double?> Compute(IReadOnlyList<IReadOnlyList<double?>> values, IReadOnlyList<bool> lowerIsBetter,
        Func<int, int, int, bool>? tied = null)
    {
        var rates = new List<double>[values.Count];
        for (var r = 0; r < values.Count; r++)
            rates[r] = [];
        for (var c = 0; c < lowerIsBetter.Count; c++)
        {
            var present = Enumerable.Range(0, values.Count).Where(r => values[r][c] is not null).ToList();
            if (present.Count < 2)
                continue;
            foreach (var r in present)
            {
                var mine = values[r][c]!.Value;
                bool Tie(int o) => values[o][c]!.Value == mine || (o != r && tied is not null && tied(c, r, o));
                var worse = present.Count(o => !Tie(o) && (lowerIsBetter[c] ? values[o][c]!.Value > mine : values[o][c]!.Value < mine));
                var ties = present.Count(Tie);
                rates[r].Add((worse + (ties - 1) / 2.0) / (present.Count - 1));
            }
        }
        return rates.Select(r => r.Count == 0 ? (double?)null : r.Average()).ToList();
    }

    /// <summary>
    /// A row's mean score: the average of its values in the higher-is-better columns (a lower-is-better column, such
    /// as ece_10_bin or likelihood_diff, has no common scale to flip onto, so it counts only in the win rate).
    /// </summary>
    public static IReadOnlyList<double?> MeanScore(IReadOnlyList<IReadOnlyList<double?>> values, IReadOnlyList<bool> lowerIsBetter) =>
        values.Select(row =>
        {
            var own = row.Where((v, c) => v is not null && !lowerIsBetter[c]).Select(v => v!.Value).ToList();
            return own.Count == 0 ? (double?)null : own.Average();
        }).ToList();
}
