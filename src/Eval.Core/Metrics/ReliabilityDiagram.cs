namespace Eval.Core.Metrics;

/// <summary>One bin of a reliability diagram: its instances' mean confidence and accuracy, and how many they are.</summary>
public sealed record ReliabilityBin(double UpperEdge, int Count, double MeanConfidence, double Accuracy);

/// <summary>
/// A reliability diagram from per-instance confidence and correctness, binned as ece_10_bin bins them (equal
/// mass, <see cref="ExpectedCalibrationErrorMetric.EqualMassEdges"/>); ece_10_bin is this diagram's ECE, so given a
/// run's instances in instance-id order (as the run's stats were computed) it reproduces the stored ece_10_bin.
/// </summary>
public sealed record ReliabilityDiagram(IReadOnlyList<ReliabilityBin> Bins, double Ece, int Instances)
{
    public static ReliabilityDiagram Compute(IReadOnlyList<double> confidences, IReadOnlyList<double> correct, int bins = 10)
    {
        if (confidences.Count != correct.Count)
            throw new ArgumentException("one correctness per confidence", nameof(correct));
        var n = confidences.Count;
        if (n == 0)
            return new ReliabilityDiagram([], double.NaN, 0);
        var edges = ExpectedCalibrationErrorMetric.EqualMassEdges(confidences, Math.Min(bins, n));
        var count = new int[edges.Count];
        var confidenceSum = new double[edges.Count];
        var correctSum = new double[edges.Count];
        for (var i = 0; i < n; i++)
        {
            var b = ExpectedCalibrationErrorMetric.BinOf(edges, confidences[i]);
            count[b]++;
            confidenceSum[b] += confidences[i];
            correctSum[b] += correct[i];
        }
        var ece = 0.0;
        var result = new List<ReliabilityBin>();
        for (var b = 0; b < edges.Count; b++)
        {
            if (count[b] == 0)
                continue;
            var (meanConfidence, accuracy) = (confidenceSum[b] / count[b], correctSum[b] / count[b]);
            ece += (double)count[b] / n * Math.Abs(meanConfidence - accuracy);
            result.Add(new ReliabilityBin(edges[b], count[b], meanConfidence, accuracy));
        }
        return new ReliabilityDiagram(result, ece, n);
    }
}
