using Eval.Core.Models;
using Eval.Inference.Onnx.Graph;
using Eval.Inference.Onnx.Validation;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// Issue #13: what Optimum, transformers.js and torch.onnx write, built here from gpt-nano-bpe4k, scores and
/// generates exactly like the reference export (its expected.json), through the key/value cache where it has one;
/// a shape the engine cannot run is refused at load, naming what to change.
/// </summary>
public sealed class ExportShapeTests
{
    private const int Int32 = 6;

    private static readonly string Nano = Repo.ReferenceModel(TestModels.Nano);

    [Fact]
    public async Task OptimumMergedDecoder_WithUseCacheBranch_ScoresAndGeneratesLikeTheReference()
    {
        using var temp = Export(bytes => OptimumMergedExport.Wrap(bytes));
        using var model = TestModels.Load(temp.Path);

        Assert.True(model.Signature.HasUseCacheBranch);
        await AssertMatchesExpectedAsync(model, temp.Path);
    }

    [Fact]
    public async Task Int32Inputs_AreFedAsInt32_AndScoreLikeTheReference()
    {
        using var temp = Export(Int32Inputs);
        using var model = TestModels.Load(temp.Path);

        Assert.True(model.Signature.IsInt32(DecoderSignature.InputIds));
        Assert.True(model.Signature.IsInt32(DecoderSignature.AttentionMask));
        Assert.True(model.Signature.IsInt32(DecoderSignature.PositionIds));
        await AssertMatchesExpectedAsync(model, temp.Path);
    }

    [Fact]
    public void MergedAndInt32Exports_PassUploadValidation()
    {
        using var merged = Export(bytes => OptimumMergedExport.Wrap(bytes));
        using var int32 = Export(Int32Inputs);

        Assert.Equal(ModelKind.Causal, ModelValidator.Validate(merged.Path).Kind);
        Assert.Equal(ModelKind.Causal, ModelValidator.Validate(int32.Path).Kind);
    }

    [Fact]
    public void UnknownRequiredInput_IsRefusedAtLoad_NamingIt()
    {
        using var temp = Export(bytes => ModelGraphEditor.MergeIntoGraph(bytes, new OnnxGraphBuilder()
            .Input("cache_position", OnnxElementType.Int64, ["sequence"])
            .Node("Identity", ["cache_position"], ["eval_unused"])
            .GraphFields()));

        var loaded = Assert.Throws<ModelPackageException>(() => TestModels.Load(temp.Path));
        var validated = Assert.Throws<ModelValidationException>(() => ModelValidator.Validate(temp.Path));

        Assert.Contains("cache_position", loaded.Message);
        Assert.Equal(ValidationCodes.SignatureUnsupportedInput, validated.Code);
        Assert.Contains("cache_position", validated.Message);
    }

    [Theory]
    [InlineData("optimum")]
    [InlineData("torch_per_tensor")]
    public async Task ExternalDataUnderTheNamesTheGraphDeclares_ScoresLikeTheReference(string exporter)
    {
        using var temp = new TempDirectory();
        CopyPackage(temp);
        var locations = ExternalDataExport.Write(File.ReadAllBytes(Path.Combine(Nano, "model.onnx")), temp.File("model.onnx"),
            exporter == "optimum" ? ExternalDataExport.OneFile("model.onnx_data") : ExternalDataExport.PerTensor);
        using var model = TestModels.Load(temp.Path);

        Assert.Equal(exporter == "optimum" ? ["model.onnx_data"] : ["lm.wte.weight"], locations.Take(1));
        Assert.Equal(ModelKind.Causal, ModelValidator.Validate(temp.Path).Kind);
        await AssertMatchesExpectedAsync(model, temp.Path);
    }

    /// <summary>The reference export with int64 input_ids, attention_mask and position_ids declared int32, cast inside.</summary>
    internal static byte[] Int32Inputs(byte[] bytes)
    {
        var file = OnnxModelFile.Parse(bytes);
        var ids = file.Inputs.Where(i => i.Value == OnnxElementType.Int64).ToDictionary();
        return BoundaryCast.Retype(bytes, ids, new Dictionary<string, int>(), Int32);
    }

    /// <summary>A temp package of gpt-nano-bpe4k (tokenizer, settings, expected.json) with its model.onnx rewritten.</summary>
    internal static TempDirectory Export(Func<byte[], byte[]> rewrite)
    {
        var temp = new TempDirectory();
        CopyPackage(temp);
        File.WriteAllBytes(temp.File("model.onnx"), rewrite(File.ReadAllBytes(Path.Combine(Nano, "model.onnx"))));
        return temp;
    }

    private static void CopyPackage(TempDirectory temp)
    {
        foreach (var file in Directory.GetFiles(Nano).Where(f => Path.GetFileName(f) != "model.onnx"))
            File.Copy(file, temp.File(Path.GetFileName(file)));
    }

    /// <summary>expected.json's per-token log-probs (prefix sharing through the cache included) and greedy ids (generation through the cache).</summary>
    internal static async Task AssertMatchesExpectedAsync(OnnxLanguageModel model, string directory)
    {
        var fixture = ExpectedFixture.Load(directory);
        var results = await model.LogLikelihoodAsync(fixture.Probes.Select(p => new LogLikelihoodRequest("", p.Text)).ToList());
        var generated = (await model.GenerateAsync([new GenerationRequest(TestModels.Prompt, 16, IgnoreEos: true)]))[0];

        for (var i = 0; i < fixture.Probes.Count; i++)
            GenerationTests.AssertClose(fixture.Probes[i].LogProbs.Select(x => (float)x).ToList(), results[i].TokenLogProbs!, 1e-4);
        Assert.Equal(fixture.GreedyGeneratedIds, generated.TokenIds);

        // Minimal pairs share their prefix: the second sentence continues from the first's cache.
        using var reference = TestModels.Reference(TestModels.Nano);
        LogLikelihoodRequest[] pair = [new("The cat", " sat on the mat."), new("The cat", " sits on the mats.")];
        var expected = await reference.LogLikelihoodAsync(pair);
        var actual = await model.LogLikelihoodAsync(pair);
        for (var i = 0; i < pair.Length; i++)
            Assert.Equal(expected[i].LogProb, actual[i].LogProb, 1e-4);
    }
}
