namespace Eval.Core.Scenarios;

/// <summary>A scenario folder that cannot be used; the message names the file and the field.</summary>
public sealed class ScenarioDefinitionException(string file, string field, string problem)
    : Exception($"{file}: field '{field}': {problem}")
{
    public string File { get; } = file;
    public string Field { get; } = field;
}
