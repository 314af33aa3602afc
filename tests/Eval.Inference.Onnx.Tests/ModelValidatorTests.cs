using Eval.Core.Models;
using Eval.Inference.Onnx.Validation;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>The checks an upload passes before anything is evaluated, on the reference models and on tiny broken graphs.</summary>
public sealed class ModelValidatorTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public void Validate_AcceptsTheReferenceDecoder_AsCausal()
    {
        var result = ModelValidator.Validate(Repo.ReferenceModel("gpt-nano-bpe4k"));

        Assert.Equal(ModelKind.Causal, result.Kind);
        Assert.Equal(4096, result.LogitsSize);
        Assert.Equal(512, result.ContextLength);
        Assert.InRange(result.SmokeLogProb, -200, -0.001);
    }

    [Fact]
    public void Validate_AcceptsTheReferenceEncoder_AsMasked()
    {
        var result = ModelValidator.Validate(Repo.ReferenceModel(Repo.ReferenceEncoder));

        Assert.Equal(ModelKind.Masked, result.Kind);
        Assert.Contains("config.json", result.KindReason);
    }

    [Fact]
    public void Validate_AcceptsATinyWellFormedGraph()
    {
        var result = ModelValidator.Validate(TinyPackage(TinyOnnx.Decoder()));

        Assert.Equal(4096, result.LogitsSize);
        // Uniform logits: every token costs ln(4096), so the smoke text's log-prob is a whole multiple of it.
        var tokens = result.SmokeLogProb / -Math.Log(4096);
        Assert.Equal(Math.Round(tokens), tokens, 3);
    }

    [Theory]
    [InlineData("no_mask", ValidationCodes.SignatureMissingInput, "attention_mask")]
    [InlineData("float_ids", ValidationCodes.SignatureBadType, "input 'input_ids' must be a int64 tensor, not float32")]
    [InlineData("scores", ValidationCodes.SignatureMissingOutput, "no output 'logits'")]
    [InlineData("small_vocab", ValidationCodes.VocabMismatch, "tokenizer.json has 4096 tokens but the model's logits have only 100")]
    [InlineData("nan", ValidationCodes.SmokeTestFailed, "NaN")]
    public void Validate_RefusesABrokenGraph_WithItsCode(string breakage, string code, string message)
    {
        var onnx = breakage switch
        {
            "no_mask" => TinyOnnx.Decoder(withAttentionMask: false),
            "float_ids" => TinyOnnx.Decoder(floatInputIds: true),
            "scores" => TinyOnnx.Decoder(logitsName: "scores"),
            "small_vocab" => TinyOnnx.Decoder(vocab: 100),
            _ => TinyOnnx.Decoder(fill: float.NaN),
        };

        var e = Assert.Throws<ModelValidationException>(() => ModelValidator.Validate(TinyPackage(onnx)));

        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Validate_RefusesABosIdOutsideTheVocabulary()
    {
        var folder = ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File("bos"));
        var config = File.ReadAllText(Path.Combine(folder, "config.json")).Replace("\"bos_token_id\": 0", "\"bos_token_id\": 99999");
        File.WriteAllText(Path.Combine(folder, "config.json"), config);

        var e = Assert.Throws<ModelValidationException>(() => ModelValidator.Validate(folder));

        Assert.Equal(ValidationCodes.SpecialTokenMissing, e.Code);
        Assert.Contains("bos_token_id 99999", e.Message);
    }

    [Fact]
    public void Validate_RefusesAStatedMaskedKind_ForADecoderWithACache()
    {
        var e = Assert.Throws<ModelValidationException>(() => ModelValidator.Validate(Repo.ReferenceModel("gpt-nano-bpe4k"), ModelKind.Masked));

        Assert.Equal(ValidationCodes.KindMismatch, e.Code);
    }

    private string TinyPackage(byte[] onnx)
    {
        var folder = ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File(Guid.NewGuid().ToString("N")[..8]));
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), onnx);
        return folder;
    }

    public void Dispose() => temp.Dispose();
}
