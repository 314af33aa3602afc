using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// Optimum's merged decoder (decoder_model_merged.onnx) holds the no-cache and the with-cache decoders as the two
/// branches of an If node chosen by this boolean input: false on a call without past (the first), true after.
/// </summary>
public static class UseCacheBranch
{
    public const string Input = "use_cache_branch";

    public static OrtValue Create(bool withPast) => OrtValue.CreateTensorValueFromMemory(new[] { withPast }, [1]);
}
