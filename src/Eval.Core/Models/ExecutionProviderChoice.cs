namespace Eval.Core.Models;

/// <summary>The provider a model runs on (ONNX Runtime's name, e.g. CPUExecutionProvider) and the reason for it.</summary>
public sealed record ExecutionProviderChoice(string Name, string Reason)
{
    /// <summary>How the reason of a CPU fallback begins: pages recognise it to show ONNX Runtime's long message once, not per run.</summary>
    public const string CudaFallbackPrefix = "CUDA could not be loaded";
}
