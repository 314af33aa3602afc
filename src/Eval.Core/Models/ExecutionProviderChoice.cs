namespace Eval.Core.Models;

/// <summary>The provider a model runs on (ONNX Runtime's name, e.g. CPUExecutionProvider) and the reason for it.</summary>
public sealed record ExecutionProviderChoice(string Name, string Reason);
