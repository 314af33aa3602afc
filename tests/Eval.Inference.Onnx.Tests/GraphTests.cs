using Eval.Inference.Onnx.Graph;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>The ONNX protobuf reader: W of the benchmark line, element types, and the scoring head's merge.</summary>
public sealed class GraphTests
{
    [Theory]
    [InlineData("gpt-mini-bpe8k", 3_342_336)]
    [InlineData("llama-mini-bpe8k", 3_342_336)]
    [InlineData("gpt-nano-bpe4k", 360_448)]
    public void MatMulWeights_CountsEveryProductOnce_TiedEmbeddingAsLmHead(string name, long expected)
    {
        var model = OnnxModelFile.Read(Path.Combine(Repo.ReferenceModel(name), "model.onnx"));

        Assert.Equal(expected, MatMulWeightCounter.Count(model));
    }

    [Fact]
    public void MatMulWeights_AreCounted_ForExternalDataExport()
    {
        var model = OnnxModelFile.Read(Path.Combine(Repo.Variant("gpt-nano-bpe4k-external-data"), "model.onnx"));

        Assert.Equal(360_448, MatMulWeightCounter.Count(model));
    }

    [Fact]
    public void ModelFile_ListsInputsAndOutputs_WithElementTypes()
    {
        var model = OnnxModelFile.Read(Path.Combine(Repo.ReferenceModel(TestModels.Nano), "model.onnx"));

        Assert.Equal(17, model.Opset);
        Assert.Equal(OnnxElementType.Int64, model.Inputs["input_ids"]);
        Assert.Equal(OnnxElementType.Float, model.Inputs["past_key_values.0.key"]);
        Assert.Equal(OnnxElementType.Float, model.Outputs["logits"]);
        Assert.DoesNotContain("lm.wte.weight", model.Inputs.Keys);
    }

    [Fact]
    public void ScoringHead_AddsInputOutputsAndNodes_KeepingTheRest()
    {
        var original = File.ReadAllBytes(Path.Combine(Repo.ReferenceModel(TestModels.Nano), "model.onnx"));

        var extended = OnnxModelFile.Parse(ScoringHead.Append(original));
        var before = OnnxModelFile.Parse(original);

        Assert.Equal(OnnxElementType.Int64, extended.Inputs[ScoringHead.Targets]);
        Assert.Equal(OnnxElementType.Float, extended.Outputs[ScoringHead.LogProbs]);
        Assert.Equal(OnnxElementType.Int64, extended.Outputs[ScoringHead.Argmax]);
        Assert.Equal(before.Nodes.Count + 3, extended.Nodes.Count);
        Assert.Equal(before.Initializers.Count, extended.Initializers.Count);
    }
}
