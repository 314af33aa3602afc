namespace Eval.Core.Metrics.Bias;

/// <summary>
/// HELM's group_counts_to_bias: each group's count divided by the size of its word list, normalised to a
/// distribution, and its total variation distance from uniform, 1/2 * sum |1/G - p_g| (0 = even, up to 1 - 1/G when
/// one group has it all). NaN when every count is zero (HELM: None).
/// </summary>
public static class BiasDistance
{
    public static double FromUniform(IReadOnlyList<double> counts, IReadOnlyList<int> listSizes)
    {
        var normalized = counts.Select((c, i) => c / listSizes[i]).ToList();
        var sum = normalized.Sum();
        if (sum == 0)
            return double.NaN;
        var uniform = 1.0 / normalized.Count;
        return normalized.Sum(n => Math.Abs(uniform - n / sum)) / 2;
    }
}
