using Eval.Core.Models;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>Causal or masked, from config.json or, without one, from the ONNX signature and the tokenizer's mask token.</summary>
public sealed class ModelKindDetectorTests
{
    private static readonly string Encoder = Repo.ReferenceModel(Repo.ReferenceEncoder);
    private static readonly string Decoder = Repo.ReferenceModel("gpt-nano-bpe4k");

    [Fact]
    public void Detect_FindsMasked_ForTheReferenceEncoder()
    {
        var detected = ModelKindDetector.Detect(ModelPackage.Open(Encoder));

        Assert.Equal(ModelKind.Masked, detected.Kind);
        Assert.Contains("config.json", detected.Reason);
    }

    [Theory]
    [MemberData(nameof(Decoders))]
    public void Detect_FindsCausal_ForEveryReferenceDecoder(string name)
    {
        Assert.Equal(ModelKind.Causal, ModelKindDetector.Detect(ModelPackage.Open(Repo.ReferenceModel(name))).Kind);
    }

    public static TheoryData<string> Decoders => new(Repo.ReferenceModels);

    [Fact]
    public void Detect_FindsMasked_FromTheSignature_WhenConfigIsMissing()
    {
        using var folder = new TempDirectory();
        foreach (var file in new[] { "model.onnx", "tokenizer.json", "tokenizer_config.json" })
            File.Copy(Path.Combine(Encoder, file), folder.File(file));

        var detected = ModelKindDetector.Detect(ModelPackage.Open(folder.Path));

        Assert.Equal(ModelKind.Masked, detected.Kind);
        Assert.Contains("mask token", detected.Reason);
    }

    [Fact]
    public void Detect_FindsCausal_ForADecoderFromTheSignature()
    {
        using var folder = new TempDirectory();
        foreach (var file in new[] { "model.onnx", "tokenizer.json" })
            File.Copy(Path.Combine(Decoder, file), folder.File(file));

        var detected = ModelKindDetector.Detect(ModelPackage.Open(folder.Path));

        Assert.Equal(ModelKind.Causal, detected.Kind);
        Assert.Contains("cache", detected.Reason);
    }

    [Fact]
    public void Detect_FindsCausal_WithoutCacheOrPositions_WhenTheTokenizerHasNoMaskToken()
    {
        // A decoder exported without cache or position_ids looks like an encoder to ONNX; its tokenizer tells them apart.
        using var folder = new TempDirectory();
        File.Copy(Path.Combine(Encoder, "model.onnx"), folder.File("model.onnx"));
        File.Copy(Path.Combine(Decoder, "tokenizer.json"), folder.File("tokenizer.json"));

        var detected = ModelKindDetector.Detect(ModelPackage.Open(folder.Path));

        Assert.Equal(ModelKind.Causal, detected.Kind);
        Assert.Contains("no mask token", detected.Reason);
    }

    [Fact]
    public void Load_GivesTheModelOfEachKind_AndHonoursAnOverride()
    {
        var cpu = new InferenceOptions { Device = InferenceOptions.Cpu };

        using var encoder = LanguageModelLoader.Load(Encoder, cpu);
        using var decoder = LanguageModelLoader.Load(Decoder, cpu);
        using var forced = LanguageModelLoader.Load(Encoder, cpu, ModelKind.Causal);

        Assert.IsType<MaskedLanguageModel>(encoder);
        Assert.Equal(ModelKinds.Masked, encoder.Info.Kind);
        Assert.IsType<OnnxLanguageModel>(decoder);
        Assert.Equal(ModelKinds.Causal, decoder.Info.Kind);
        Assert.IsType<OnnxLanguageModel>(forced);
    }
}
