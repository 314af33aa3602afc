namespace Eval.Core.Scenarios;

/// <summary>
/// One item of a scenario. Input is the whole context (preamble included; empty for minimal pairs, whose references
/// are the sentences, the correct one first). Tags carry what metrics need beyond the references
/// (BBQ's context condition, WinoBias's pro/anti), read from the record as scenario.yaml's instance.tags says.
/// </summary>
public sealed record Instance(
    string Id,
    string Input,
    IReadOnlyList<Reference> References,
    string? Subset,
    string? SubsetGroup = null,
    IReadOnlyDictionary<string, string>? Tags = null)
{
    public string? Tag(string name) => Tags is not null && Tags.TryGetValue(name, out var value) ? value : null;
}
