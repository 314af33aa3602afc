namespace Eval.Core.Scenarios;

/// <summary>One item of a scenario. For minimal pairs the references are the sentences, the correct one first.</summary>
public sealed record Instance(
    string Id,
    string Input,
    IReadOnlyList<Reference> References,
    string? Subset,
    string? SubsetGroup = null);
