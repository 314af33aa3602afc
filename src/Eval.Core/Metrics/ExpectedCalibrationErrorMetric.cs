namespace Eval.Core.Metrics;

/// <summary>
/// ece_10_bin, as HELM computes it (calibration library's get_ece_em, top-label, p = 1): sort the confidences,
/// split them into 10 bins of (nearly) equal count as numpy.array_split does (the first n mod 10 bins one larger),
/// put the bin edges halfway between neighbouring bins, assign every instance to the first bin whose upper edge is
/// at least its confidence, and sum over bins (bin size / n) * |mean confidence - accuracy|. Fewer instances than
/// bins: one bin each.
/// </summary>
public sealed class ExpectedCalibrationErrorMetric(int bins = 10) : IRunMetric
{
    public string Name => $"ece_{bins}_bin";

    public IReadOnlyList<string> Inputs => [ConfidenceMetric.Id, "accuracy"];

    public double Compute(InstanceStatTable instances)
    {
        var (confidence, accuracy) = (instances.Column(ConfidenceMetric.Id), instances.Column("accuracy"));
        var confidences = new List<double>(instances.Count);
        var correct = new List<double>(instances.Count);
        for (var i = 0; i < instances.Count; i++)
            if (!double.IsNaN(confidence[i]) && !double.IsNaN(accuracy[i]))
            {
                confidences.Add(confidence[i]);
                correct.Add(accuracy[i]);
            }
        return Compute(confidences, correct, bins);
    }

    /// <summary>The ECE of the reliability diagram: one binning serves both, so the page and the stat cannot disagree.</summary>
    public static double Compute(IReadOnlyList<double> confidences, IReadOnlyList<double> correct, int bins) =>
        ReliabilityDiagram.Compute(confidences, correct, bins).Ece;

    /// <summary>Upper bin edges: midpoints between equal-count groups of the sorted values, then 1.0; duplicates merged.</summary>
    public static IReadOnlyList<double> EqualMassEdges(IReadOnlyList<double> values, int bins)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var edges = new List<double>();
        int start = 0, baseSize = sorted.Length / bins, larger = sorted.Length % bins;
        for (var b = 0; b < bins - 1; b++)
        {
            var end = start + baseSize + (b < larger ? 1 : 0);
            edges.Add((sorted[end - 1] + sorted[end]) / 2.0);
            start = end;
        }
        edges.Add(1.0);
        return edges.Distinct().Order().ToList();
    }

    /// <summary>numpy.searchsorted(edges, value, side="left"), with anything above the last edge kept in the last bin.</summary>
    internal static int BinOf(IReadOnlyList<double> edges, double value)
    {
        int low = 0, high = edges.Count - 1;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (edges[mid] >= value)
                high = mid;
            else
                low = mid + 1;
        }
        return low;
    }
}
