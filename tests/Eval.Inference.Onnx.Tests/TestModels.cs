using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>Loads models on the CPU (the tests must give the same answers on every machine).</summary>
public static class TestModels
{
    public const string Nano = "gpt-nano-bpe4k";
    public const string Prompt = "Once upon a time";

    public static OnnxLanguageModel Load(string directory, Action<InferenceOptions>? configure = null)
    {
        var options = new InferenceOptions { Device = InferenceOptions.Cpu };
        configure?.Invoke(options);
        return OnnxLanguageModel.Load(directory, options);
    }

    public static OnnxLanguageModel Reference(string name, Action<InferenceOptions>? configure = null) =>
        Load(Repo.ReferenceModel(name), configure);
}
