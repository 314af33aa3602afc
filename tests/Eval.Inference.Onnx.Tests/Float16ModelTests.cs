using Eval.Core.Models;
using Eval.Inference.Onnx.Graph;
using Eval.Inference.Onnx.Validation;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// Float16 and bfloat16 exports of gpt-nano-bpe4k and bert-mini-bpe8k (written by <see cref="Float16Export"/>) on
/// the CPU provider: the ones ONNX Runtime can run score like the float32 export within the rounding of the narrower
/// type, and the one it cannot is refused with the operator it has no kernel for, by the loader and by upload
/// validation alike.
/// CUDA is not tested here (no GPU in CI).
/// </summary>
public sealed class Float16ModelTests
{
    // Tolerances on per-token log-probs against expected.json (float32). Observed maxima over its probes, ONNX Runtime
    // 1.31 CPU: float16 boundary 0.0047, full float16 0.0074, bfloat16 boundary 0.041. A float16 logit near 16 is
    // rounded by up to 0.0039 (half its 0.0078 spacing) and the cache by as much relative to its values; bfloat16
    // keeps 8 significant bits, so 16 times that. Each bound is about twice the observed figure.
    private const double Float16Boundary = 0.01;
    private const double Float16Throughout = 0.02;
    private const double BFloat16Boundary = 0.1;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Float16Boundary_LoadsOnCpu_AndReproducesTheFloat32Scores(bool scoreInGraph)
    {
        using var temp = Float16Export.BoundaryOnly();
        var file = OnnxModelFile.Read(temp.File("model.onnx"));
        Assert.All(file.Inputs.Where(i => i.Key.StartsWith(DecoderSignature.PastPrefix, StringComparison.Ordinal)),
            i => Assert.Equal(OnnxElementType.Float16, i.Value));
        Assert.All(file.Outputs, o => Assert.Equal(OnnxElementType.Float16, o.Value));

        using var model = TestModels.Load(temp.Path, o => o.ScoreInGraph = scoreInGraph);

        Assert.True(model.Signature.HasPast);
        Assert.Equal(scoreInGraph, model.Signature.HasScoringHead);
        await AssertMatchesExpected(model, Float16Boundary);
    }

    [Fact]
    public async Task Float16Boundary_WithWeightsInModelOnnxData_Loads()
    {
        using var temp = Float16Export.BoundaryOnly(source: Repo.Variant("gpt-nano-bpe4k-external-data"));
        Assert.True(File.Exists(temp.File("model.onnx.data")));

        using var model = TestModels.Load(temp.Path);

        await AssertMatchesExpected(model, Float16Boundary);
    }

    [Fact]
    public async Task Float16Throughout_RunsOnCpu_AndReproducesTheFloat32Scores()
    {
        // ONNX Runtime's CPU provider casts float16 to float32 around the operators it has no float16 kernel for
        // (its InsertCastTransformer), so a float16 GPT runs there; weights and activations keep float16's rounding.
        using var temp = Float16Export.Full();
        var file = OnnxModelFile.Read(temp.File("model.onnx"));
        Assert.All(file.Initializers.Where(i => i.DataType != OnnxElementType.Int64),
            i => Assert.Equal(OnnxElementType.Float16, i.DataType));

        using var model = TestModels.Load(temp.Path);

        await AssertMatchesExpected(model, Float16Throughout);
    }

    [Fact]
    public async Task BFloat16Boundary_LoadsOnCpu_AndReproducesTheFloat32Scores()
    {
        using var temp = Float16Export.BoundaryOnly(OnnxElementType.BFloat16);
        Assert.Equal(OnnxElementType.BFloat16, OnnxModelFile.Read(temp.File("model.onnx")).Outputs[DecoderSignature.Logits]);

        using var model = TestModels.Load(temp.Path);

        await AssertMatchesExpected(model, BFloat16Boundary);
    }

    [Fact]
    public void BFloat16Throughout_IsRefusedOnCpu_NamingTheOperatorWithoutAKernel()
    {
        // The CPU provider's cast insertion covers float16 only: the first bfloat16 Add (the embedding sum) has no kernel.
        using var temp = Float16Export.Full(OnnxElementType.BFloat16);

        var error = Assert.Throws<ModelPackageException>(() => TestModels.Load(temp.Path));

        Assert.Equal("model.onnx is a bfloat16 model and ONNX Runtime's CPUExecutionProvider has no bfloat16 kernel for Add " +
                     "(opset 14, node '/Add'); export it in float32 or run it on a CUDA worker", error.Message);
    }

    [Fact]
    public async Task Float16MaskedModel_RunsOnCpu_AndReproducesThePllTerms()
    {
        // bert-mini-bpe8k in float16 throughout: largest PLL-term difference observed 0.0038, total 0.0060.
        var reference = Repo.ReferenceModel(Repo.ReferenceEncoder);
        using var temp = Float16Export.Full(source: reference);
        var probes = MaskedExpectedFixture.Load(reference).Probes;

        using var model = MaskedLanguageModel.Load(temp.Path, new InferenceOptions { Device = InferenceOptions.Cpu });
        var results = await model.LogLikelihoodAsync(probes.Select(p => new LogLikelihoodRequest("", p.Text)).ToList());

        for (var i = 0; i < probes.Count; i++)
        {
            GenerationTests.AssertClose(probes[i].LogProbs.Select(x => (float)x).ToList(), results[i].TokenLogProbs!, Float16Throughout);
            Assert.True(Math.Abs(probes[i].Total - results[i].LogProb) < Float16Throughout, $"probe {i}: expected PLL {probes[i].Total}, got {results[i].LogProb}");
        }
    }

    [Fact]
    public void Validate_AcceptsAFloat16Export_AsTheLoaderRunsIt()
    {
        using var temp = Float16Export.Full();

        var result = ModelValidator.Validate(temp.Path);

        Assert.Equal(ModelKind.Causal, result.Kind);
        Assert.Equal(4096, result.LogitsSize);
        Assert.InRange(result.SmokeLogProb, -200, -0.001);
    }

    [Fact]
    public void Validate_RefusesABFloat16ExportTheCpuCannotRun_WithTheOperator()
    {
        using var temp = Float16Export.Full(OnnxElementType.BFloat16);

        var e = Assert.Throws<ModelValidationException>(() => ModelValidator.Validate(temp.Path));

        Assert.Equal(ValidationCodes.OnnxUnreadable, e.Code);
        Assert.Equal("model.onnx is a bfloat16 model and ONNX Runtime's CPUExecutionProvider has no bfloat16 kernel for Add " +
                     "(opset 14, node '/Add'); export it in float32 or run it on a CUDA worker", e.Message);
    }

    private static async Task AssertMatchesExpected(OnnxLanguageModel model, double tolerance)
    {
        var fixture = ExpectedFixture.Load(Repo.ReferenceModel(TestModels.Nano));

        var results = await model.LogLikelihoodAsync(fixture.Probes.Select(p => new LogLikelihoodRequest("", p.Text)).ToList());
        var generated = (await model.GenerateAsync([new GenerationRequest(TestModels.Prompt, 16, IgnoreEos: true)]))[0];

        for (var i = 0; i < fixture.Probes.Count; i++)
            GenerationTests.AssertClose(fixture.Probes[i].LogProbs.Select(x => (float)x).ToList(), results[i].TokenLogProbs!, tolerance);
        Assert.Equal(fixture.GreedyGeneratedIds, generated.TokenIds);
    }
}
