using Eval.Core.Models;
using Eval.Inference.Onnx.Graph;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>The masked LM's output layer runs on the scored rows only, and scores are what the full logits give.</summary>
public sealed class MaskedScoringHeadTests
{
    private static readonly string Encoder = Repo.ReferenceModel(Repo.ReferenceEncoder);

    [Fact]
    public void TryAppend_FeedsTheGatheredRowsToTheVocabularyMatMul_ForBertMini()
    {
        var original = File.ReadAllBytes(Path.Combine(Encoder, "model.onnx"));
        var before = OnnxModelFile.Parse(original);

        var extended = OnnxModelFile.Parse(MaskedScoringHead.TryAppend(original, before)!);

        Assert.Equal(OnnxElementType.Int64, extended.Inputs[MaskedScoringHead.Positions]);
        Assert.Equal(OnnxElementType.Int64, extended.Inputs[MaskedScoringHead.Targets]);
        Assert.Equal(OnnxElementType.Float, extended.Outputs[MaskedScoringHead.LogProbs]);
        Assert.Equal(OnnxElementType.Int64, extended.Outputs[MaskedScoringHead.Argmax]);
        Assert.Equal(before.Nodes.Count + 8, extended.Nodes.Count);
        Assert.Equal(before.Initializers.Count, extended.Initializers.Count);
        // Two tensors [batch, sequence, hidden] are flattened and gathered: the last block's merged attention heads and
        // the residual stream entering it; from there to logits every node runs on the scored rows only.
        var gathers = extended.Nodes.Where(n => n.OpType == "Gather" && n.Inputs[1] == MaskedScoringHead.Positions).ToList();
        var flattened = gathers.Select(g => Assert.Single(extended.Nodes, n => n.Outputs[0] == g.Inputs[0])).ToList();
        Assert.All(flattened, f => Assert.Equal("Flatten", f.OpType));
        Assert.Equal(["/blocks.3/Reshape_3_output_0", "/blocks.2/Add_3_output_0"], flattened.Select(f => f.Inputs[0]));
        var projection = Assert.Single(extended.Nodes, n => n.Outputs[0] == "/blocks.3/proj/MatMul_output_0");
        Assert.Equal(gathers[0].Outputs[0], projection.Inputs[0]);
        var residual = Assert.Single(extended.Nodes, n => n.Outputs[0] == "/blocks.3/Add_1_output_0");
        Assert.Contains(gathers[1].Outputs[0], residual.Inputs);
        // The block's own attention still reads every position.
        var attentionNorm = Assert.Single(extended.Nodes, n => n.OpType == "LayerNormalization" && n.Inputs[0] == "/blocks.2/Add_3_output_0");
        Assert.StartsWith("/blocks.3/", attentionNorm.Outputs[0]);
    }

    [Fact]
    public void TryAppend_FindsTheOutputLayerBehindTheFloat32Boundary_OfAFloat16Export()
    {
        using var temp = Float16Export.Full(source: Encoder);
        var bytes = File.ReadAllBytes(temp.File("model.onnx"));
        var boundary = HalfPrecisionModel.WithFloat32Boundary(bytes, OnnxModelFile.Parse(bytes));

        var extended = MaskedScoringHead.TryAppend(boundary, OnnxModelFile.Parse(boundary));

        Assert.NotNull(extended);
        Assert.Contains(OnnxModelFile.Parse(extended).Nodes, n => n.OpType == "Gather" && n.Inputs[1] == MaskedScoringHead.Positions);
    }

    [Fact]
    public void TryAppend_ReturnsNull_WhenTheLastNodeMixesPositions()
    {
        // logits = Softmax over the sequence axis of (x W): the last node mixes positions, so no gather can precede it.
        var weight = new byte[4 * 8 * sizeof(float)];
        var model = new OnnxGraphBuilder()
            .Input("hidden", OnnxElementType.Float, [null, null, 4L])
            .Initializer("w", OnnxElementType.Float, [4, 8], weight)
            .Node("MatMul", ["hidden", "w"], ["product"])
            .Node("Softmax", ["product"], [DecoderSignature.Logits], ("axis", 1))
            .Output(DecoderSignature.Logits, OnnxElementType.Float, [null, null, 8L])
            .Model(opset: 17);

        Assert.Null(MaskedScoringHead.TryAppend(model, OnnxModelFile.Parse(model)));
    }

    [Fact]
    public async Task LogLikelihood_IsTheSame_WithAndWithoutTheScoringHead()
    {
        string[] texts = ["The cat sleeps on the mat.", "Who do you think that John saw?", "These patients do respect himself.",
            "Many girls insulted themselves after the long and rather tiring meeting at the old town hall."];
        var requests = texts.Select(t => new LogLikelihoodRequest("", t)).ToList();
        using var headed = MaskedLanguageModel.Load(Encoder, new InferenceOptions { Device = InferenceOptions.Cpu });
        using var full = MaskedLanguageModel.Load(Encoder, new InferenceOptions { Device = InferenceOptions.Cpu, ScoreInGraph = false });

        var withHead = await headed.LogLikelihoodAsync(requests);
        var withoutHead = await full.LogLikelihoodAsync(requests);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(withoutHead[i].IsGreedy, withHead[i].IsGreedy);
            Assert.Equal(withoutHead[i].TokenCount, withHead[i].TokenCount);
            for (var k = 0; k < withHead[i].TokenCount; k++)
                Assert.True(Math.Abs(withoutHead[i].TokenLogProbs![k] - withHead[i].TokenLogProbs![k]) < 1e-5,
                    $"text {i} token {k}: {withoutHead[i].TokenLogProbs![k]} from the full logits, {withHead[i].TokenLogProbs![k]} with the head");
        }
    }
}
