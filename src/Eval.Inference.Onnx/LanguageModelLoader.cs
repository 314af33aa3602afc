using Eval.Core.Models;

namespace Eval.Inference.Onnx;

/// <summary>
/// Opens a model folder as the model its kind asks for: a causal LM (<see cref="OnnxLanguageModel"/>) or a masked
/// one (<see cref="MaskedLanguageModel"/>). The kind is detected from the package unless the caller states it
/// (an upload may say what its files do not).
/// </summary>
public static class LanguageModelLoader
{
    public static ILanguageModel Load(string directory, InferenceOptions? options = null, ModelKind? kind = null)
    {
        kind ??= ModelKindDetector.Detect(ModelPackage.Open(directory)).Kind;
        return kind == ModelKind.Masked
            ? MaskedLanguageModel.Load(directory, options)
            : OnnxLanguageModel.Load(directory, options);
    }
}
