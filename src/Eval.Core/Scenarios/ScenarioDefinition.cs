namespace Eval.Core.Scenarios;

/// <summary>
/// A scenario folder's scenario.yaml, validated, with the folder it came from. Efficiency: the measurement settings
/// of the efficiency adapter, whose instances are made from them rather than read from data.
/// </summary>
public sealed record ScenarioDefinition(
    string Id,
    int Version,
    string DisplayName,
    string Group,
    string Directory,
    DataSpec Data,
    InstanceSpec Instance,
    PromptSpec Prompt,
    string Adapter,
    IReadOnlyList<string> Conventions,
    IReadOnlyList<string> Subsets,
    SubsetGroupSpec? SubsetGroups,
    IReadOnlyList<string> Metrics,
    string MainMetric,
    IReadOnlyList<string> Perturbations,
    Efficiency.EfficiencySpec? Efficiency = null)
{
    /// <summary>The first convention; a model's own default depends on its kind (Adapters.ModelConventions.Default).</summary>
    /// <summary>How completions are asked for; read only by the generation adapter.</summary>
    public GenerationSpec Generation { get; init; } = GenerationSpec.Default;

    public string DefaultConvention => Conventions.Count > 0 ? Conventions[0] : "";

    /// <summary>What the adapter is (conventions, requests per instance, cacheable, measurement, model kinds): read this, not the adapter's name.</summary>
    public AdapterKind AdapterKind => AdapterKind.Of(Adapter);

    /// <summary>The scenario.yaml this definition was read from: every ScenarioDefinitionException names it.</summary>
    public string File => Path.Combine(Directory, ScenarioLoader.FileName);
}
