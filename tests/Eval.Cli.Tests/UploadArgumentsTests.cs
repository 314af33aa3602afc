using Eval.TestKit;

namespace Eval.Cli.Tests;

/// <summary>
/// `upload` before anything is sent: bad options, an unreadable folder or key file are exit 2 with one line; a server
/// that cannot be reached is exit 1 with one line; a folder's parts are the graph the layout rules pick, its external
/// data under their file names, tokenizer.json and the settings files present.
/// </summary>
public sealed class UploadArgumentsTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly string keyFile;

    public UploadArgumentsTests()
    {
        keyFile = temp.File("key.txt");
        File.WriteAllText(keyFile, "  some-key\n");
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData(new[] { "--model", "M", "--colour", "blue" }, "unknown option --colour")]
    [InlineData(new[] { "--name", "x" }, "--model is required")]
    [InlineData(new[] { "--model", "M", "--wait", "--wait" }, "--wait is given twice")]
    [InlineData(new[] { "--model", "M", "--family" }, "--family needs a value")]
    [InlineData(new[] { "--model", "M", "--name", "a", "--name", "b" }, "--name is given twice")]
    [InlineData(new[] { "--model", "M", "--server", "ftp://example.org" }, "--server must be an http or https address")]
    [InlineData(new[] { "--model", "/nonexistent/model" }, "model folder '/nonexistent/model' does not exist")]
    [InlineData(new[] { "--model", "M", "--graph", "../model.onnx" }, "--graph must be a relative .onnx path")]
    [InlineData(new[] { "--model", "M", "--graph", "onnx/model_fp16.onnx" }, "has no onnx/model_fp16.onnx")]
    public async Task Upload_ExitsWith2AndOneLine_OnBadUsage(string[] args, string message)
    {
        var model = Repo.ReferenceModel("gpt-nano-bpe4k");
        var (code, stdout, stderr) = await RunAsync(["upload", .. args.Select(a => a == "M" ? model : a), "--api-key-file", keyFile]);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line);
    }

    [Fact]
    public async Task Upload_ExitsWith2_WhenTheFolderHasNoTokenizerOrNoGraph()
    {
        var noTokenizer = ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File("no-tokenizer"));
        File.Delete(Path.Combine(noTokenizer, "tokenizer.json"));
        Directory.CreateDirectory(temp.File("empty"));

        var (code, _, stderr) = await RunAsync("upload", "--model", noTokenizer, "--api-key-file", keyFile);
        Assert.Equal((2, $"error: model folder '{noTokenizer}' has no tokenizer.json"), (code, stderr.Trim()));

        (code, _, stderr) = await RunAsync("upload", "--model", temp.File("empty"), "--api-key-file", keyFile);
        Assert.Equal(2, code);
        Assert.StartsWith($"error: model folder '{temp.File("empty")}' has no model.onnx", stderr.Trim());
    }

    [Fact]
    public async Task Upload_ExitsWith2_WhenTheKeyIsMissingOrItsFileUnreadable()
    {
        var missing = Assert.Throws<UsageException>(() => UploadArguments.Parse(["--model", "m"], environmentKey: null));
        Assert.Equal("an API key is needed to upload: set EVAL_API_KEY or give --api-key-file FILE", missing.Message);
        Assert.Throws<UsageException>(() => UploadArguments.Parse(["--model", "m"], environmentKey: "  "));
        File.WriteAllText(temp.File("empty-key.txt"), "\n");

        var (code, stdout, stderr) = await RunAsync("upload", "--model", "m", "--api-key-file", temp.File("no-such-key.txt"));
        Assert.Equal((2, ""), (code, stdout));
        Assert.StartsWith($"error: cannot read the API key file {temp.File("no-such-key.txt")}", stderr.Trim());

        (code, _, stderr) = await RunAsync("upload", "--model", "m", "--api-key-file", temp.File("empty-key.txt"));
        Assert.Equal((2, $"error: the API key file {temp.File("empty-key.txt")} is empty"), (code, stderr.Trim()));
    }

    [Fact]
    public void Parse_TakesTheKeyFile_OverTheEnvironment_AndPassesFieldsByTheirApiNames()
    {
        var args = UploadArguments.Parse(
            ["--model", "m", "--family", "run-a", "--checkpoint-words", "1000000", "--groups", "blimp,fairness", "--wait", "--api-key-file", keyFile],
            environmentKey: "from-environment");

        Assert.Equal("some-key", args.ApiKey);
        Assert.True(args.Wait);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), args.Server);
        Assert.Equal([("groups", "blimp,fairness"), ("family", "run-a"), ("checkpoint_words", "1000000")], args.Fields.OrderBy(f => f.Field == "groups" ? 0 : 1));
        Assert.Equal("from-environment", UploadArguments.Parse(["--model", "m"], "from-environment").ApiKey);
        Assert.Equal(new Uri("https://example.org/eval/"), UploadArguments.Parse(["--model", "m", "--server", "https://example.org/eval"], "k").Server);
    }

    [Fact]
    public async Task Upload_ExitsWith1AndOneLine_WhenTheServerCannotBeReached()
    {
        var (code, stdout, stderr) = await RunAsync("upload", "--server", "http://127.0.0.1:9", "--model", Repo.ReferenceModel("gpt-nano-bpe4k"),
            "--api-key-file", keyFile);

        Assert.Equal((1, ""), (code, stdout));
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot reach http://127.0.0.1:9/", line);
    }

    [Fact]
    public void Files_AreTheGraph_ItsExternalData_TheTokenizerAndTheSettings()
    {
        var variant = Repo.Variant("gpt-nano-bpe4k-external-data");

        var parts = UploadFiles.From(variant, graph: null).Parts.Select(p => (p.Field, Path.GetFileName(p.Path), p.FileName)).ToList();

        Assert.Equal([("model", "model.onnx", "model.onnx"), ("external_data", "model.onnx.data", "model.onnx.data"),
            ("tokenizer", "tokenizer.json", "tokenizer.json"), ("config", "config.json", "config.json"),
            ("tokenizer_config", "tokenizer_config.json", "tokenizer_config.json")], parts);
    }

    [Fact]
    public void Files_TakeTheGraphWhereTheExportPutsIt_OrTheOneNamed()
    {
        var folder = temp.File("transformers-js");
        Directory.CreateDirectory(Path.Combine(folder, "onnx"));
        var nano = Repo.ReferenceModel("gpt-nano-bpe4k");
        File.Copy(Path.Combine(nano, "tokenizer.json"), Path.Combine(folder, "tokenizer.json"));
        File.Copy(Path.Combine(nano, "model.onnx"), Path.Combine(folder, "onnx", "model_fp16.onnx"));
        File.Copy(Path.Combine(nano, "model.onnx"), Path.Combine(folder, "onnx", "model_quantized.onnx"));

        var several = Assert.Throws<UsageException>(() => UploadFiles.From(folder, graph: null));
        Assert.Contains("choose one (--graph)", several.Message);

        var named = UploadFiles.From(folder, "onnx/model_quantized.onnx").Parts;
        Assert.Equal(("model", Path.Combine(folder, "onnx", "model_quantized.onnx"), "model.onnx"), named[0]);
        Assert.Equal(["model", "tokenizer"], named.Select(p => p.Field));

        File.Copy(Path.Combine(nano, "model.onnx"), Path.Combine(folder, "onnx", "model.onnx"));
        Assert.Equal(Path.Combine(folder, "onnx", "model.onnx"), UploadFiles.From(folder, graph: null).Parts[0].Path);
    }

    public void Dispose() => temp.Dispose();
}
