namespace Eval.Core.Reproduce;

/// <summary>One stored response of a run to reproduce (a responses.jsonl line): its log-prob and its instance's stats.</summary>
public sealed record StoredResponse(string InstanceId, int RequestIndex, double LogProb, IReadOnlyDictionary<string, double> Stats);
