namespace Eval.Core.Stats;

/// <summary>Percentile bootstrap, seeded so the same values always give the same interval.</summary>
public static class BootstrapInterval
{
    public const int DefaultResamples = 1000;

    public static (double Low, double High) OfMean(IReadOnlyList<double> values, int resamples = DefaultResamples, int seed = 0)
    {
        if (values.Count == 0)
            return (double.NaN, double.NaN);
        var random = new Random(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < values.Count; i++)
                sum += values[random.Next(values.Count)];
            means[r] = sum / values.Count;
        }
        Array.Sort(means);
        return (Percentile(means, 0.025), Percentile(means, 0.975));
    }

    /// <summary>
    /// The interval of any statistic of n items (a corpus-level metric), given the rows of each resample (repeats
    /// allowed); resamples where the statistic is undefined (NaN) are left out.
    /// </summary>
    public static (double Low, double High) Of(int n, Func<IReadOnlyList<int>, double> statistic, int resamples = DefaultResamples, int seed = 0)
    {
        if (n == 0)
            return (double.NaN, double.NaN);
        var random = new Random(seed);
        var values = new List<double>(resamples);
        var rows = new int[n];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < n; i++)
                rows[i] = random.Next(n);
            var value = statistic(rows);
            if (!double.IsNaN(value))
                values.Add(value);
        }
        if (values.Count == 0)
            return (double.NaN, double.NaN);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return (Percentile(sorted, 0.025), Percentile(sorted, 0.975));
    }

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
