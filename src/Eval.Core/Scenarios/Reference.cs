namespace Eval.Core.Scenarios;

public sealed record Reference(string Text, bool IsCorrect);
