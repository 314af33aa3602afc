namespace Eval.Core.Scenarios;

/// <summary>What a record transform may read: the scenario folder's files named in data.transform, by role.</summary>
public sealed class TransformContext(ScenarioDefinition scenario, TransformSpec spec)
{
    public ScenarioDefinition Scenario { get; } = scenario;

    /// <summary>The full path of the file given for a role; a missing role or file is a ScenarioDefinitionException.</summary>
    public string File(string role)
    {
        var field = $"data.transform.{role}";
        if (!spec.Files.TryGetValue(role, out var relative) || string.IsNullOrWhiteSpace(relative))
            throw new ScenarioDefinitionException(Scenario.File, field, $"transform '{spec.Name}' needs this file");
        var path = Path.GetFullPath(Path.Combine(Scenario.Directory, relative));
        return System.IO.File.Exists(path)
            ? path
            : throw new ScenarioDefinitionException(Scenario.File, field, $"file '{relative}' does not exist in {Scenario.Directory}");
    }

    /// <summary>Non-blank lines of a role's file, trimmed.</summary>
    public IReadOnlyList<string> Lines(string role) =>
        System.IO.File.ReadAllLines(File(role)).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
}
