using System.IO.Compression;
using System.Net;
using Eval.Inference.Onnx;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// Issue #13 through POST /api/models on a real host: an Optimum export (model.onnx + model.onnx_data), a
/// transformers.js repository (config and tokenizer at the top, onnx/decoder_model_merged.onnx with its data), a
/// zip of reduced-precision graphs only (the uploader chooses with the graph field) and torch.onnx's one file per
/// tensor sent as form files. Each is stored as model.onnx beside the files it names, by a SHA-256 over all of them.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class ExportUploadTests(UploadHostFixture host) : IClassFixture<UploadHostFixture>
{
    [Theory]
    [InlineData("optimum", "export/", "model.onnx", "model.onnx_data")]
    [InlineData("transformers_js", "repo/", "onnx/decoder_model_merged.onnx", "decoder_model_merged.onnx_data")]
    public async Task ExportZip_IsStoredAsModelOnnx_WithTheDataItNames(string exporter, string root, string graph, string data)
    {
        var folder = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", host.Temp.File("src-" + exporter), exporter);
        var export = Directory.CreateDirectory(host.Temp.File("export-" + exporter)).FullName;
        var graphPath = Path.Combine(export, graph);
        Directory.CreateDirectory(Path.GetDirectoryName(graphPath)!);
        var bytes = File.ReadAllBytes(Path.Combine(folder, "model.onnx"));
        ExternalDataExport.Write(exporter == "transformers_js" ? OptimumMergedExport.Wrap(bytes) : bytes, graphPath, ExternalDataExport.OneFile(data));
        var zip = host.Temp.File(exporter + ".zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var file in new[] { "tokenizer.json", "config.json", "tokenizer_config.json" })
                archive.CreateEntryFromFile(Path.Combine(folder, file), root + file);
            archive.CreateEntryFromFile(graphPath, root + graph);
            archive.CreateEntryFromFile(Path.Combine(Path.GetDirectoryName(graphPath)!, data), root + graph[..(graph.LastIndexOf('/') + 1)] + data);
            archive.CreateEntry(root + "README.md").Open().Dispose();
        }
        using var client = host.Factory.Client(host.Address, EvalWebFactory.UserKey);

        var (status, body) = await new ModelApiClient(client).UploadAsync(ModelApiClient.Zip(zip));

        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
        var sha = body.GetProperty("sha256").GetString()!;
        Assert.Equal(FileHashes.Sha256(graphPath, Path.Combine(Path.GetDirectoryName(graphPath)!, data)), sha);
        // Stored by content identity (graph, weights, tokenizer and settings), not by the graph's hash alone.
        var stored = Path.Combine(host.Factory.DataDirectory, "models", body.GetProperty("identity_sha256").GetString()!);
        Assert.Equal(new[] { "config.json", data, "model.onnx", "tokenizer.json", "tokenizer_config.json" }.Order(StringComparer.Ordinal),
            Directory.GetFiles(stored).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(File.ReadAllBytes(graphPath), File.ReadAllBytes(Path.Combine(stored, "model.onnx")));
    }

    [Fact]
    public async Task ZipOfReducedPrecisionGraphsOnly_AsksForTheGraphField_ThenTakesTheOneChosen()
    {
        var folder = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", host.Temp.File("reduced"), "reduced");
        var fp16 = TinyOnnx.WithMetadata(TinyOnnx.Decoder(), "eval_test_copy", "fp16");
        var quantized = TinyOnnx.WithMetadata(TinyOnnx.Decoder(), "eval_test_copy", "quantized");
        var ok = CompressionLevel.Optimal;
        string Zip(string name) => ModelFixtures.CraftedZip(host.Temp.File(name),
            ("repo/tokenizer.json", File.ReadAllBytes(Path.Combine(folder, "tokenizer.json")), ok, null),
            ("repo/config.json", File.ReadAllBytes(Path.Combine(folder, "config.json")), ok, null),
            ("repo/onnx/model_fp16.onnx", fp16, ok, null),
            ("repo/onnx/model_quantized.onnx", quantized, ok, null));
        using var client = host.Factory.Client(host.Address, EvalWebFactory.UserKey);
        var api = new ModelApiClient(client);
        var before = await StoredState.ReadAsync(host.Factory);

        var (refused, problem) = await api.UploadAsync(ModelApiClient.Zip(Zip("both.zip")));
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("field_invalid", problem.GetProperty("code").GetString());
        Assert.Contains("onnx/model_fp16.onnx, onnx/model_quantized.onnx", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await StoredState.ReadAsync(host.Factory));

        var (status, body) = await api.UploadAsync(ModelApiClient.Zip(Zip("chosen.zip"), ("graph", "onnx/model_quantized.onnx")));

        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(quantized)), body.GetProperty("sha256").GetString());
    }

    [Theory]
    [InlineData("external_data_climbing_out")]
    [InlineData("external_data_named_like_a_package_file")]
    [InlineData("external_data_the_graph_does_not_name")]
    [InlineData("graph_outside_the_zip")]
    [InlineData("graph_without_a_zip")]
    public async Task BadExportField_IsFieldInvalid_AndNothingStoredChanges(string bad)
    {
        var folder = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", host.Temp.File("bad-" + bad), bad);
        var content = bad switch
        {
            "graph_outside_the_zip" => ModelApiClient.Zip(ModelFixtures.Zip(folder, host.Temp.File(bad + ".zip")), ("graph", "../model.onnx")),
            "graph_without_a_zip" => ModelApiClient.Files(folder, ("graph", "onnx/model.onnx")),
            _ => ModelApiClient.Files(folder),
        };
        if (bad.StartsWith("external_data", StringComparison.Ordinal))
            content.Add(ModelApiClient.Part("weights"u8.ToArray()), "external_data",
                bad switch { "external_data_climbing_out" => "../evil.bin", "external_data_named_like_a_package_file" => "tokenizer.json", _ => "extra.bin" });
        using var client = host.Factory.Client(host.Address, EvalWebFactory.UserKey);
        var before = await StoredState.ReadAsync(host.Factory);

        var (status, problem) = await new ModelApiClient(client).UploadAsync(content);

        Assert.True(status == HttpStatusCode.BadRequest, problem.ToString());
        Assert.Equal("field_invalid", problem.GetProperty("code").GetString());
        Assert.Equal(before, await StoredState.ReadAsync(host.Factory));
    }

    [Fact]
    public async Task TorchOneFilePerTensor_SentAsFormFiles_IsAccepted_AndEveryFileIsInTheContentIdentity()
    {
        var folder = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", host.Temp.File("torch"), "torch");
        var export = Directory.CreateDirectory(host.Temp.File("torch-export")).FullName;
        var locations = ExternalDataExport.Write(File.ReadAllBytes(Path.Combine(folder, "model.onnx")), Path.Combine(export, "model.onnx"),
            ExternalDataExport.PerTensor);
        HttpContent Form()
        {
            var content = ModelApiClient.Text();
            content.Add(ModelApiClient.Part(File.ReadAllBytes(Path.Combine(export, "model.onnx"))), "model", "model.onnx");
            content.Add(ModelApiClient.Part(File.ReadAllBytes(Path.Combine(folder, "tokenizer.json"))), "tokenizer", "tokenizer.json");
            content.Add(ModelApiClient.Part(File.ReadAllBytes(Path.Combine(folder, "config.json"))), "config", "config.json");
            foreach (var location in locations)
                content.Add(ModelApiClient.Part(File.ReadAllBytes(Path.Combine(export, location))), "external_data", location);
            return content;
        }
        using var client = host.Factory.Client(host.Address, EvalWebFactory.UserKey);
        var api = new ModelApiClient(client);

        var (status, body) = await api.UploadAsync(Form());
        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
        var sha = body.GetProperty("sha256").GetString()!;
        Assert.True(locations.Count > 10);
        Assert.Equal(FileHashes.Sha256([Path.Combine(export, "model.onnx"), .. locations.Select(l => Path.Combine(export, l))]), sha);
        var stored = Path.Combine(host.Factory.DataDirectory, "models", body.GetProperty("identity_sha256").GetString()!);
        Assert.All(locations, l => Assert.True(File.Exists(Path.Combine(stored, l)), l));

        // Other weights in one tensor file: other content, so a new model, not a duplicate of the first.
        var last = Path.Combine(export, locations[^1]);
        var weights = File.ReadAllBytes(last);
        weights[0] ^= 1;
        File.WriteAllBytes(last, weights);
        var (again, second) = await api.UploadAsync(Form());

        Assert.True(again == HttpStatusCode.Accepted, second.ToString());
        Assert.NotEqual(sha, second.GetProperty("sha256").GetString());
    }
}
