namespace Eval.Data.Exports;

/// <summary>One exported line: a request, the model's response, and the stats of the instance it belongs to.</summary>
public sealed record ResponseRow(
    long RunId,
    string InstanceId,
    string? Subset,
    int RequestIndex,
    string Prompt,
    string Continuation,
    double LogProb,
    int TokenCount,
    bool IsGreedy,
    IReadOnlyDictionary<string, double> Stats);
