namespace Eval.Core.Scenarios;

/// <summary>One choice set of an instance: its name (mc1) and the record field holding answer text -> label 1/0.</summary>
public sealed record ChoiceSetSpec(string Name, string Field);
