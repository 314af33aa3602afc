using Eval.Inference.Onnx.Graph;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>The ONNX protobuf reader: W of the benchmark line, element types, the scoring head's merge and the boundary casts.</summary>
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

    [Fact]
    public void BoundaryCast_RetypesInputsAndOutputs_WithOneCastEach_AndInnerNamesThatDoNotCollide()
    {
        var original = File.ReadAllBytes(Path.Combine(Repo.ReferenceModel(TestModels.Nano), "model.onnx"));
        var before = OnnxModelFile.Parse(original);
        var past = before.Inputs.Where(i => i.Value == OnnxElementType.Float).ToDictionary();

        var half = BoundaryCast.Retype(original, past, before.Outputs, OnnxElementType.Float16);
        var back = BoundaryCast.Retype(half, past.ToDictionary(p => p.Key, _ => OnnxElementType.Float16),
            before.Outputs.ToDictionary(o => o.Key, _ => OnnxElementType.Float16), OnnxElementType.Float);
        var halfFile = OnnxModelFile.Parse(half);
        var backFile = OnnxModelFile.Parse(back);

        Assert.Equal(4, past.Count);
        Assert.All(past.Keys, name => Assert.Equal(OnnxElementType.Float16, halfFile.Inputs[name]));
        Assert.All(before.Outputs.Keys, name => Assert.Equal(OnnxElementType.Float16, halfFile.Outputs[name]));
        Assert.Equal(before.Inputs.Keys.Order(), backFile.Inputs.Keys.Order());
        Assert.All(backFile.Inputs.Keys.Where(past.ContainsKey), name => Assert.Equal(OnnxElementType.Float, backFile.Inputs[name]));
        Assert.Equal(before.Nodes.Count + 9, halfFile.Nodes.Count);
        Assert.Equal(before.Nodes.Count + 18, backFile.Nodes.Count);
        Assert.Equal(before.Initializers.Count, backFile.Initializers.Count);
        // The second pass finds "<name>_eval_inner" taken by the first and picks the next free name.
        Assert.Contains(backFile.Nodes, n => n.OpType == "Cast" && n.Inputs[0] == "logits_eval_inner2" && n.Outputs[0] == "logits");
        Assert.Equal(backFile.Nodes.SelectMany(n => n.Outputs).Count(), backFile.Nodes.SelectMany(n => n.Outputs).Distinct().Count());
    }
}
