namespace Eval.Core.Runner;

public sealed record InstanceResult(
    string InstanceId,
    string? Subset,
    string? SubsetGroup,
    IReadOnlyList<ScoredRequest> Requests,
    IReadOnlyDictionary<string, double> Stats);
