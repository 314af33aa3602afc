namespace Eval.Data.Entities;

/// <summary>
/// A rerun of a finished run's exact spec, compared instance by instance with its stored responses: how many
/// differ (a log-prob beyond Tolerance, another decision), the largest log-prob difference, and the main metric's
/// difference (new - stored) with its paired bootstrap 95% interval. Status: queued, running, finished, failed.
/// </summary>
public sealed class ReproductionEntity
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public string Status { get; set; } = RunStatus.Queued;
    public DateTime CreatedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? Hardware { get; set; }
    public int InstancesCompared { get; set; }
    public int InstancesDiffering { get; set; }
    public double MaxLogProbDifference { get; set; }
    public double Tolerance { get; set; }
    public string? Metric { get; set; }
    public double? StoredValue { get; set; }
    public double? NewValue { get; set; }
    public double? Difference { get; set; }
    public double? DifferenceLow { get; set; }
    public double? DifferenceHigh { get; set; }
    /// <summary>The first differing instance ids, comma-separated.</summary>
    public string? Differing { get; set; }
    public string? Error { get; set; }
}
