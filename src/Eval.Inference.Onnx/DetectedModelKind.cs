using Eval.Core.Models;

namespace Eval.Inference.Onnx;

/// <summary>A model's kind and the evidence for it, in words (for logs and upload messages).</summary>
public sealed record DetectedModelKind(ModelKind Kind, string Reason);
