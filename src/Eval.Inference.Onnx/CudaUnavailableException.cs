namespace Eval.Inference.Onnx;

/// <summary>device=cuda was asked for and CUDA cannot be used here; the message gives the reason.</summary>
public sealed class CudaUnavailableException(string reason) : Exception($"CUDA cannot be used: {reason}");
