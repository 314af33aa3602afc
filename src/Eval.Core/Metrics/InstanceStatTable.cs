namespace Eval.Core.Metrics;

/// <summary>
/// The instance stats of a run (or subset) as columns, one row per instance: what a corpus-level metric reads. A
/// missing stat (the metric does not apply to that instance) is NaN. Columns make the bootstrap cheap: a resample
/// copies rows by index.
/// </summary>
public sealed class InstanceStatTable
{
    private readonly Dictionary<string, double[]> columns;

    public InstanceStatTable(IReadOnlyList<string> instanceIds, Dictionary<string, double[]> columns)
    {
        InstanceIds = instanceIds;
        this.columns = columns;
    }

    public IReadOnlyList<string> InstanceIds { get; }

    public int Count => InstanceIds.Count;

    /// <summary>Rows given as (instance id, stats by metric name), in the order given.</summary>
    public static InstanceStatTable From(IReadOnlyList<(string InstanceId, IReadOnlyDictionary<string, double> Stats)> rows)
    {
        var columns = new Dictionary<string, double[]>();
        for (var r = 0; r < rows.Count; r++)
            foreach (var (metric, value) in rows[r].Stats)
            {
                if (!columns.TryGetValue(metric, out var column))
                {
                    column = new double[rows.Count];
                    Array.Fill(column, double.NaN);
                    columns[metric] = column;
                }
                column[r] = value;
            }
        return new InstanceStatTable(rows.Select(r => r.InstanceId).ToList(), columns);
    }

    /// <summary>Whether any row has the metric (sparse stats such as the bias word counts are mostly absent).</summary>
    public bool Has(string metric) => columns.ContainsKey(metric);

    /// <summary>The metric's value per row, NaN where an instance lacks it; all NaN if no instance has it.</summary>
    public IReadOnlyList<double> Column(string metric)
    {
        if (columns.TryGetValue(metric, out var column))
            return column;
        var missing = new double[Count];
        Array.Fill(missing, double.NaN);
        return missing;
    }

    /// <summary>The mean over the rows that have the metric; NaN when none has.</summary>
    public double Mean(string metric)
    {
        var (sum, n) = (0.0, 0);
        foreach (var v in Column(metric))
            if (!double.IsNaN(v))
            {
                sum += v;
                n++;
            }
        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>The same rows with only the given columns (the inputs of one metric); the arrays are shared.</summary>
    public InstanceStatTable Only(IEnumerable<string> metrics) =>
        new(InstanceIds, metrics.Where(columns.ContainsKey).Distinct().ToDictionary(m => m, m => columns[m]));

    /// <summary>
    /// For the bootstrap: a function that refills one scratch table of the same shape with the given rows (repeats
    /// allowed) and returns it, so thousands of resamples allocate nothing.
    /// </summary>
    public Func<IReadOnlyList<int>, InstanceStatTable> Resampler()
    {
        var ids = new string[Count];
        var scratch = columns.ToDictionary(c => c.Key, _ => new double[Count]);
        var table = new InstanceStatTable(ids, scratch);
        return rows =>
        {
            for (var i = 0; i < rows.Count; i++)
                ids[i] = InstanceIds[rows[i]];
            foreach (var (metric, column) in columns)
            {
                var copy = scratch[metric];
                for (var i = 0; i < rows.Count; i++)
                    copy[i] = column[rows[i]];
            }
            return table;
        };
    }
}
