using System.Text.Json.Nodes;
using Eval.TestKit;

namespace Eval.Cli.Tests;

/// <summary>Settings files as Hugging Face tools write them, around reference weights: the CLI scores them exactly as the reference.</summary>
public sealed class HuggingFaceExportCliTests
{
    [Theory]
    [InlineData("bos_template", "llama-mini-bpe8k")]
    [InlineData("gpt2_config", "gpt-nano-bpe4k")]
    [InlineData("tokenizer_config_only", "gpt-nano-bpe4k")]
    public async Task Evaluate_ScoresTheExport_ExactlyAsTheReference(string shape, string reference)
    {
        using var temp = new TempDirectory();
        var export = Path.Combine(temp.Path, shape);
        _ = shape switch
        {
            "bos_template" => HuggingFaceExport.WithBosTemplate(export, reference),
            "gpt2_config" => HuggingFaceExport.Gpt2Config(export, reference),
            _ => HuggingFaceExport.TokenizerConfigOnly(export, reference),
        };

        var expected = await EvaluateAsync(Repo.ReferenceModel(reference), temp.File("expected.json"));
        var actual = await EvaluateAsync(export, temp.File("actual.json"));

        Assert.Equal(expected["metrics"]!.ToJsonString(), actual["metrics"]!.ToJsonString());
        Assert.Equal(expected["subsets"]!.ToJsonString(), actual["subsets"]!.ToJsonString());
    }

    [Fact]
    public async Task Evaluate_ExitsWith2AndOneLine_WhenAGpt2ConfigNamesNoContext()
    {
        using var temp = new TempDirectory();
        var export = HuggingFaceExport.Gpt2Config(temp.File("gpt2"), "gpt-nano-bpe4k");
        var config = HuggingFaceExport.ReadObject(export, "config.json");
        config.Remove("n_positions");
        config.Remove("n_ctx");
        HuggingFaceExport.Write(export, "config.json", config);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CliApp.RunAsync(["evaluate", "--model", export, "--scenario", "blimp", "--max-instances-per-subset", "1"], stdout, stderr, CancellationToken.None);

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no context length: config.json (max_position_embeddings, n_positions, n_ctx)", line);
    }

    private static async Task<JsonObject> EvaluateAsync(string model, string json)
    {
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["evaluate", "--model", model, "--scenario", "blimp", "--max-instances-per-subset", "1", "--device", "cpu", "--json", json],
            new StringWriter(), stderr, CancellationToken.None);
        Assert.True(code == 0, stderr.ToString());
        return JsonNode.Parse(File.ReadAllText(json))!.AsObject();
    }
}
