using System.Text.Json;
using Eval.Inference.Onnx.Graph;
using Eval.TestKit;

namespace Eval.Cli.Tests;

/// <summary>
/// Issue #13 from the command line: each export shape built here from gpt-nano-bpe4k evaluates with exit 0 and the
/// same BLiMP results as the reference export; a graph reading outside its folder or needing an input nobody feeds
/// exits 2 with one line.
/// </summary>
public sealed class ExportShapesCliTests
{
    private static readonly string Nano = Repo.ReferenceModel("gpt-nano-bpe4k");

    // The reference's results, computed once for every shape.
    private static readonly Lazy<Task<JsonElement>> Reference = new(() =>
        ResultsAsync(Nano, Path.Combine(Path.GetTempPath(), $"eval-reference-{Guid.NewGuid():N}.json")));

    [Theory]
    [InlineData("optimum_merged")]
    [InlineData("int32_inputs")]
    [InlineData("optimum_external_data")]
    [InlineData("torch_one_file_per_tensor")]
    [InlineData("transformers_js_merged")]
    [InlineData("transformers_js_model")]
    public async Task Evaluate_ScoresTheExportLikeTheReference(string shape)
    {
        using var temp = new TempDirectory();
        var folder = Export(temp, shape);

        var reference = await Reference.Value;
        var export = await ResultsAsync(folder, temp.File("export.json"));

        Assert.Equal(reference.GetProperty("metrics").GetRawText(), export.GetProperty("metrics").GetRawText());
        Assert.Equal(reference.GetProperty("subsets").GetRawText(), export.GetProperty("subsets").GetRawText());
    }

    [Theory]
    [InlineData("climbs_out", "a path that climbs out with '..'")]
    [InlineData("unknown_input", "cache_position")]
    public async Task Evaluate_ExitsWith2AndOneLine_WhenTheGraphCannotBeRun(string shape, string message)
    {
        using var temp = new TempDirectory();
        var folder = Export(temp, shape);

        var (code, stderr) = await RunAsync("evaluate", "--model", folder, "--scenario", "blimp", "--device", "cpu");

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line);
        Assert.DoesNotContain(temp.Path, line);
    }

    private static string Export(TempDirectory temp, string shape)
    {
        var folder = Directory.CreateDirectory(temp.File("export")).FullName;
        foreach (var file in new[] { "tokenizer.json", "config.json", "tokenizer_config.json" })
            File.Copy(Path.Combine(Nano, file), Path.Combine(folder, file));
        var bytes = File.ReadAllBytes(Path.Combine(Nano, "model.onnx"));
        var onnx = Directory.CreateDirectory(Path.Combine(folder, "onnx")).FullName;
        switch (shape)
        {
            case "optimum_merged":
                File.WriteAllBytes(Path.Combine(folder, "decoder_model_merged.onnx"), OptimumMergedExport.Wrap(bytes));
                break;
            case "int32_inputs":
                var ids = OnnxModelFile.Parse(bytes).Inputs.Where(i => i.Value == OnnxElementType.Int64).ToDictionary();
                File.WriteAllBytes(Path.Combine(folder, "model.onnx"), BoundaryCast.Retype(bytes, ids, new Dictionary<string, int>(), 6));
                break;
            case "optimum_external_data":
                ExternalDataExport.Write(bytes, Path.Combine(folder, "model.onnx"), ExternalDataExport.OneFile("model.onnx_data"));
                break;
            case "torch_one_file_per_tensor":
                ExternalDataExport.Write(bytes, Path.Combine(folder, "model.onnx"), ExternalDataExport.PerTensor);
                break;
            case "transformers_js_merged":
                ExternalDataExport.Write(OptimumMergedExport.Wrap(bytes), Path.Combine(onnx, "decoder_model_merged.onnx"),
                    ExternalDataExport.OneFile("decoder_model_merged.onnx_data"));
                break;
            case "transformers_js_model":
                File.WriteAllBytes(Path.Combine(onnx, "model.onnx"), bytes);
                File.WriteAllBytes(Path.Combine(onnx, "model_quantized.onnx"), TinyOnnx.Decoder());
                break;
            case "climbs_out":
                ExternalDataExport.Write(bytes, Path.Combine(folder, "model.onnx"), ExternalDataExport.OneFile("../weights.bin"));
                break;
            case "unknown_input":
                File.WriteAllBytes(Path.Combine(folder, "model.onnx"), ModelGraphEditor.MergeIntoGraph(bytes, new OnnxGraphBuilder()
                    .Input("cache_position", OnnxElementType.Int64, ["sequence"]).Node("Identity", ["cache_position"], ["eval_unused"]).GraphFields()));
                break;
        }
        return folder;
    }

    private static async Task<JsonElement> ResultsAsync(string model, string json)
    {
        var (code, stderr) = await RunAsync("evaluate", "--model", model, "--scenario", "blimp", "--max-instances-per-subset", "2",
            "--device", "cpu", "--json", json);
        Assert.True(code == 0, stderr);
        var results = JsonDocument.Parse(File.ReadAllText(json)).RootElement.Clone();
        File.Delete(json);
        return results;
    }

    private static async Task<(int Code, string Err)> RunAsync(params string[] args)
    {
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new StringWriter(), stderr, CancellationToken.None);
        return (code, stderr.ToString());
    }
}
