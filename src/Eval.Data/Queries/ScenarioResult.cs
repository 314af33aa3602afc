namespace Eval.Data.Queries;

/// <summary>One model's finished run of a scenario with the overall value of a metric (null when the run has none).</summary>
public sealed record ScenarioResult(long RunId, long ModelId, string Model, string Convention, int? Sample, int Instances,
    double? Value, double? CiLow, double? CiHigh);
