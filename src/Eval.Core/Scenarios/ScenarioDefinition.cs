namespace Eval.Core.Scenarios;

/// <summary>A scenario folder's scenario.yaml, validated, with the folder it came from.</summary>
public sealed record ScenarioDefinition(
    string Id,
    int Version,
    string DisplayName,
    string Group,
    string Directory,
    DataSpec Data,
    InstanceSpec Instance,
    string Adapter,
    IReadOnlyList<string> Conventions,
    IReadOnlyList<string> Subsets,
    SubsetGroupSpec? SubsetGroups,
    IReadOnlyList<string> Metrics,
    string MainMetric)
{
    /// <summary>The first convention; a model's own default depends on its kind (Adapters.ModelConventions.Default).</summary>
    public string DefaultConvention => Conventions.Count > 0 ? Conventions[0] : "";
}

public sealed record DataSpec(string Files, string Format, string? SubsetBy);

public sealed record InstanceSpec(string IdTemplate, IReadOnlyList<string> Choices, int Correct);

/// <summary>Subsets rolled up into groups by a record field, with renames (BLiMP's s-selection -> argument_structure).</summary>
public sealed record SubsetGroupSpec(string Field, IReadOnlyDictionary<string, string> Rename)
{
    public string GroupOf(string value) => Rename.TryGetValue(value, out var renamed) ? renamed : value;
}
