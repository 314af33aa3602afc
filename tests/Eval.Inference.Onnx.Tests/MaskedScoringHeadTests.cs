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
        Assert.Equal(before.Nodes.Count + 6, extended.Nodes.Count);
        Assert.Equal(before.Initializers.Count, extended.Initializers.Count);
        var vocabulary = Assert.Single(extended.Nodes, n => n.OpType == "MatMul" && n.Inputs[1] == "/Transpose_output_0");
        var gather = Assert.Single(extended.Nodes, n => n.OpType == "Gather" && n.Inputs[1] == MaskedScoringHead.Positions);
        Assert.Equal(gather.Outputs[0], vocabulary.Inputs[0]);
        // The hidden states [batch, sequence, hidden] are what is flattened and gathered.
        var flatten = Assert.Single(extended.Nodes, n => n.Outputs[0] == gather.Inputs[0]);
        Assert.Equal(["/head_ln/LayerNormalization_output_0"], flatten.Inputs);
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
    public void TryAppend_ReturnsNull_WhenLogitsDoNotEndInAPositionWiseChain()
    {
        // logits = Softmax(x W): the last node mixes a position's logits, so nothing can be moved behind a gather.
        var weight = new byte[4 * 8 * sizeof(float)];
        var model = new OnnxGraphBuilder()
            .Input("hidden", OnnxElementType.Float, [null, null, 4L])
            .Initializer("w", OnnxElementType.Float, [4, 8], weight)
            .Node("MatMul", ["hidden", "w"], ["product"])
            .Node("Softmax", ["product"], [DecoderSignature.Logits], ("axis", -1))
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
