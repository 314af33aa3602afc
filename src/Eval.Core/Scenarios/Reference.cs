namespace Eval.Core.Scenarios;

/// <summary>One answer of an instance; Set names the choice set it belongs to when an instance has several (TruthfulQA's mc1, mc2).</summary>
public sealed record Reference(string Text, bool IsCorrect, string? Set = null);
