namespace Eval.Data.Queries;

/// <summary>A queued or running run, with what a progress line needs.</summary>
public sealed record ActiveRun(long RunId, long ModelId, string Model, string ScenarioId, string Status, int Done, int Total, DateTime? StartedAt, int? Sample);
