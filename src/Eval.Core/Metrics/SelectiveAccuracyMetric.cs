namespace Eval.Core.Metrics;

/// <summary>
/// selective_acc_10, as HELM (calibration library's get_selective_stats): order instances by confidence, highest
/// first, and take the accuracy of the first floor(0.1 n) + 1 of them. Equal confidences keep instance-id order
/// (numpy's argsort leaves that order unspecified).
/// </summary>
public sealed class SelectiveAccuracyMetric(int percent = 10) : IRunMetric
{
    public string Name => $"selective_acc_{percent}";

    public IReadOnlyList<string> Inputs => [ConfidenceMetric.Id, "accuracy"];

    public double Compute(InstanceStatTable instances)
    {
        var (confidence, accuracy) = (instances.Column(ConfidenceMetric.Id), instances.Column("accuracy"));
        var rows = Enumerable.Range(0, instances.Count).Where(i => !double.IsNaN(confidence[i]) && !double.IsNaN(accuracy[i])).ToList();
        if (rows.Count == 0)
            return double.NaN;
        var take = (int)(percent / 100.0 * rows.Count) + 1;

        // The take-th highest confidence: rows above it are all in; rows at it fill the rest in instance-id order.
        var sorted = rows.Select(i => confidence[i]).ToArray();
        Array.Sort(sorted);
        var threshold = sorted[^take];
        var sum = 0.0;
        var taken = 0;
        foreach (var i in rows.Where(i => confidence[i] > threshold))
        {
            sum += accuracy[i];
            taken++;
        }
        var ids = instances.InstanceIds;
        foreach (var i in rows.Where(i => confidence[i] == threshold).OrderBy(i => ids[i], StringComparer.Ordinal).Take(take - taken))
            sum += accuracy[i];
        return sum / take;
    }
}
