namespace Eval.Core.Scenarios;

// The raw shape of scenario.yaml; ScenarioLoader checks it and turns it into a ScenarioDefinition.
internal sealed class ScenarioYaml
{
    public string? Id { get; set; }
    public int? Version { get; set; }
    public string? DisplayName { get; set; }
    public string? Group { get; set; }
    public DataYaml? Data { get; set; }
    public PromptYaml? Prompt { get; set; }
    public InstanceYaml? Instance { get; set; }
    public string? Adapter { get; set; }
    public List<string>? Conventions { get; set; }
    public List<string>? Subsets { get; set; }
    public SubsetGroupsYaml? SubsetGroups { get; set; }
    public List<string>? Metrics { get; set; }
    public string? MainMetric { get; set; }
    public List<string>? Perturbations { get; set; }
    public GenerationYaml? Generation { get; set; }
    public EfficiencyYaml? Efficiency { get; set; }
}

internal sealed class GenerationYaml
{
    public int? MaxTokens { get; set; }
    public List<string>? Stop { get; set; }
}

internal sealed class EfficiencyYaml
{
    public List<int>? PromptLengths { get; set; }
    public int? GeneratedTokens { get; set; }
    public int? Warmup { get; set; }
    public double? WarmupSeconds { get; set; }
    public int? Repeats { get; set; }
    public int? Seed { get; set; }
}

internal sealed class DataYaml
{
    public string? Files { get; set; }
    public string? Format { get; set; }
    public string? Path { get; set; }
    public string? SubsetBy { get; set; }

    // name: the transform; every other key names a file the transform reads.
    public Dictionary<string, string>? Transform { get; set; }
}

internal sealed class PromptYaml
{
    public string? Preamble { get; set; }
    public string? PreambleFile { get; set; }
    public string? TargetDelimiter { get; set; }
}

internal sealed class InstanceYaml
{
    public string? Id { get; set; }
    public string? Input { get; set; }
    public List<string>? Choices { get; set; }
    public List<string>? ChoiceTexts { get; set; }
    public Dictionary<string, string>? ChoiceSets { get; set; }
    public string? Correct { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
}

internal sealed class SubsetGroupsYaml
{
    public string? Field { get; set; }
    public Dictionary<string, string>? Rename { get; set; }
}
