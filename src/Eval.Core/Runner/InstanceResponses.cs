using Eval.Core.Scenarios;

namespace Eval.Core.Runner;

/// <summary>An instance with its requests as stored, and one response per reference in reference order.</summary>
public sealed record InstanceResponses(Instance Instance, IReadOnlyList<ScoredRequest> Requests, IReadOnlyList<Response> Responses);
