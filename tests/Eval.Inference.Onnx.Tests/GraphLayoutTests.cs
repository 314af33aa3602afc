namespace Eval.Inference.Onnx.Tests;

/// <summary>The documented order in which a package's graph is found (README, "The graph").</summary>
public sealed class GraphLayoutTests
{
    [Theory]
    [InlineData("model.onnx", "model.onnx,decoder_model_merged.onnx,onnx/model.onnx")]
    [InlineData("onnx/model.onnx", "onnx/model.onnx,onnx/model_quantized.onnx,onnx/model_fp16.onnx")]
    [InlineData("decoder_model_merged.onnx", "decoder_model_merged.onnx,onnx/decoder_model_merged.onnx")]
    [InlineData("onnx/decoder_model_merged.onnx", "onnx/decoder_model_merged.onnx,onnx/decoder_model_merged_quantized.onnx")]
    [InlineData("onnx/model_fp16.onnx", "onnx/model_fp16.onnx")]
    [InlineData("onnx/model_quantized.onnx", "onnx/model_quantized.onnx,onnx/README.md")]
    public void Choose_TakesTheFirstInTheDocumentedOrder(string expected, string present)
    {
        Assert.Equal(expected, GraphLayout.Choose(present.Split(',')));
    }

    [Fact]
    public void Choose_RefusesSeveralReducedPrecisionGraphs_NamingThem()
    {
        var e = Assert.Throws<ModelPackageException>(() => GraphLayout.Choose(["onnx/model_fp16.onnx", "onnx/model_quantized.onnx"]));

        Assert.Contains("onnx/model_fp16.onnx, onnx/model_quantized.onnx", e.Message);
        Assert.Null(GraphLayout.Choose(["tokenizer.json"]));
    }

    [Theory]
    [InlineData("onnx/model_fp16.onnx", true)]
    [InlineData("model.onnx", true)]
    [InlineData("../model.onnx", false)]
    [InlineData("/etc/model.onnx", false)]
    [InlineData("onnx/./model.onnx", false)]
    [InlineData("tokenizer.json", false)]
    public void IsValidChoice_AcceptsOnlyRelativeOnnxPathsInsideThePackage(string graph, bool valid)
    {
        Assert.Equal(valid, GraphLayout.IsValidChoice(graph));
    }
}
