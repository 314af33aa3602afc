using Eval.Core.Runner;
using Eval.Core.Stats;

namespace Eval.Core.Reproduce;

/// <summary>Compares a rerun's instance results with a run's stored responses (<see cref="ReproductionReport"/>).</summary>
public static class ReproductionComparer
{
    /// <summary>Log-probs may move this much (nats) between machines and batchings and still count as the same.</summary>
    public const double DefaultTolerance = 1e-4;

    /// <summary>Instance ids listed in the report, at most.</summary>
    public const int ListedDiffering = 20;

    public static ReproductionReport Compare(IReadOnlyList<StoredResponse> stored, IReadOnlyList<InstanceResult> rerun, string metric,
        double tolerance = DefaultTolerance)
    {
        var storedByInstance = stored.GroupBy(r => r.InstanceId).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var rerunByInstance = rerun.ToDictionary(r => r.InstanceId, StringComparer.Ordinal);
        var differing = new List<string>();
        var maxDifference = 0.0;
        var paired = new List<(double Stored, double New)>();
        foreach (var id in storedByInstance.Keys.Union(rerunByInstance.Keys).Order(StringComparer.Ordinal))
        {
            if (!storedByInstance.TryGetValue(id, out var before) || !rerunByInstance.TryGetValue(id, out var after))
            {
                differing.Add(id);
                continue;
            }
            var same = before.Count == after.Requests.Count;
            foreach (var response in before)
            {
                if (after.Requests.FirstOrDefault(r => r.Index == response.RequestIndex) is not { } request)
                {
                    same = false;
                    continue;
                }
                var difference = Math.Abs(request.LogProb - response.LogProb);
                maxDifference = Math.Max(maxDifference, difference);
                same &= difference <= tolerance;
            }
            var storedValue = before[0].Stats.GetValueOrDefault(metric, double.NaN);
            var newValue = after.Stats.GetValueOrDefault(metric, double.NaN);
            // Another decision (accuracy 1 instead of 0) is a difference whatever the log-probs did; NaN = not scored on both sides.
            same &= storedValue.Equals(newValue);
            if (!double.IsNaN(storedValue) && !double.IsNaN(newValue))
                paired.Add((storedValue, newValue));
            if (!same)
                differing.Add(id);
        }
        var (low, high) = BootstrapInterval.OfMean(paired.Select(p => p.New - p.Stored).ToList());
        var storedMean = paired.Count > 0 ? paired.Average(p => p.Stored) : double.NaN;
        var newMean = paired.Count > 0 ? paired.Average(p => p.New) : double.NaN;
        return new ReproductionReport(storedByInstance.Keys.Union(rerunByInstance.Keys).Count(), differing.Count, maxDifference, tolerance, metric,
            storedMean, newMean, newMean - storedMean, low, high, differing.Take(ListedDiffering).ToList());
    }
}
