namespace Eval.Core.Scenarios;

/// <summary>A named record transform (KnownTransforms) and the scenario files it reads, by role (relative paths).</summary>
public sealed record TransformSpec(string Name, IReadOnlyDictionary<string, string> Files);
