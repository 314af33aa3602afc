namespace Eval.Inference.Onnx.Validation;

/// <summary>
/// A model package or upload that cannot be accepted: <see cref="Code"/> is one of <see cref="ValidationCodes"/>,
/// the message says which file, field, input or output and why, in words a researcher can act on.
/// </summary>
public sealed class ModelValidationException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
