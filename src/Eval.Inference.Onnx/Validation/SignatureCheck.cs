using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Eval.Inference.Onnx.Validation;

/// <summary>
/// The inputs and outputs the scorers can drive: input_ids and attention_mask (int64, [batch, sequence]), optional
/// position_ids and token_type_ids (int64), optional past_key_values.* (float, [batch, heads, past, head_dim]) and a
/// float logits output [batch, sequence, vocab]. Each refusal names the input or output and what is wrong with it.
/// </summary>
internal static class SignatureCheck
{
    public const string TokenTypeIds = "token_type_ids";
    private const string PastPrefix = "past_key_values.";

    /// <returns>The logits' vocabulary dimension when the file fixes it, else -1.</returns>
    public static int Check(InferenceSession session)
    {
        var inputs = session.InputMetadata;
        foreach (var required in new[] { DecoderSignature.InputIds, DecoderSignature.AttentionMask })
        {
            if (!inputs.TryGetValue(required, out var meta))
                throw new ModelValidationException(ValidationCodes.SignatureMissingInput,
                    $"model.onnx has no input '{required}' (inputs: {string.Join(", ", inputs.Keys)}); a model must take input_ids and attention_mask");
            RequireIds(meta, required);
        }
        foreach (var optional in new[] { DecoderSignature.PositionIds, TokenTypeIds })
            if (inputs.TryGetValue(optional, out var meta))
                RequireIds(meta, optional);
        if (inputs.TryGetValue(UseCacheBranch.Input, out var branch) && (!branch.IsTensor || branch.ElementDataType != TensorElementType.Bool))
            throw new ModelValidationException(ValidationCodes.SignatureBadType, $"model.onnx input '{UseCacheBranch.Input}' must be a bool tensor (Optimum's merged decoder)");
        foreach (var (name, meta) in inputs.Where(i => i.Key.StartsWith(PastPrefix, StringComparison.Ordinal)))
        {
            RequireTensor(meta, name, TensorElementType.Float, 4, "input", "[batch, heads, past, head_dim]");
            if (meta.Dimensions[1] <= 0 || meta.Dimensions[3] <= 0)
                throw new ModelValidationException(ValidationCodes.SignatureBadType,
                    $"model.onnx input '{name}' must fix its heads and head_dim dimensions ([batch, heads, past, head_dim])");
        }
        var unknown = inputs.Keys.Where(k => k is not (DecoderSignature.InputIds or DecoderSignature.AttentionMask or DecoderSignature.PositionIds or TokenTypeIds or UseCacheBranch.Input)
                                             && !k.StartsWith(PastPrefix, StringComparison.Ordinal)).ToList();
        if (unknown.Count > 0)
            throw new ModelValidationException(ValidationCodes.SignatureUnsupportedInput,
                $"model.onnx has input(s) the platform cannot feed: {string.Join(", ", unknown)} " +
                "(supported: input_ids, attention_mask, position_ids, token_type_ids, use_cache_branch, past_key_values.*)");

        if (!session.OutputMetadata.TryGetValue(DecoderSignature.Logits, out var logits))
            throw new ModelValidationException(ValidationCodes.SignatureMissingOutput,
                $"model.onnx has no output 'logits' (outputs: {string.Join(", ", session.OutputMetadata.Keys)})");
        RequireTensor(logits, DecoderSignature.Logits, TensorElementType.Float, 3, "output", "[batch, sequence, vocab]");
        return logits.Dimensions[2] > 0 ? logits.Dimensions[2] : -1;
    }

    /// <summary>int64, or int32 as some exporters declare it (fed converted).</summary>
    private static void RequireIds(NodeMetadata meta, string name) =>
        RequireTensor(meta, name, meta.IsTensor && meta.ElementDataType == TensorElementType.Int32 ? TensorElementType.Int32 : TensorElementType.Int64,
            2, "input", "[batch, sequence]");

    private static void RequireTensor(NodeMetadata meta, string name, TensorElementType type, int rank, string what, string shape)
    {
        if (!meta.IsTensor || meta.ElementDataType != type)
            throw new ModelValidationException(ValidationCodes.SignatureBadType,
                $"model.onnx {what} '{name}' must be a {Describe(type)} tensor, not {(meta.IsTensor ? Describe(meta.ElementDataType) : meta.OnnxValueType.ToString())}");
        if (meta.Dimensions.Length != rank)
            throw new ModelValidationException(ValidationCodes.SignatureBadType,
                $"model.onnx {what} '{name}' must have {rank} dimensions {shape}, not {meta.Dimensions.Length}");
    }

    private static string Describe(TensorElementType type) => type switch
    {
        TensorElementType.Int64 => "int64",
        TensorElementType.Float => "float32",
        TensorElementType.Int32 => "int32",
        TensorElementType.Float16 => "float16",
        TensorElementType.BFloat16 => "bfloat16",
        TensorElementType.Double => "float64",
        _ => type.ToString().ToLowerInvariant(),
    };
}
