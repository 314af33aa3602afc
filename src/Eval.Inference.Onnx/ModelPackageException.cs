namespace Eval.Inference.Onnx;

/// <summary>A model folder that cannot be used (missing or unreadable file); the message says which and why.</summary>
public class ModelPackageException(string message, Exception? inner = null) : Exception(message, inner);
