using System.Net;
using System.Text.Json.Nodes;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// Settings files as Hugging Face tools write them (GPT-2's n_positions and 1e30 model_max_length; tokenizer_config.json
/// alone, tokens by name), around the reference weights without their ONNX metadata: accepted through the API and
/// scored exactly as the reference files.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class HuggingFaceExportUploadTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task Gpt2ConfigAndTokenizerConfigOnly_AreAccepted_AndScoreAsTheReference()
    {
        using var factory = new EvalWebFactory(UploadApiTests.NoReferences);
        var address = factory.StartRealServer();
        var api = new ModelApiClient(factory.Client(address, EvalWebFactory.UserKey));
        var reference = ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File("reference"));
        var gpt2 = HuggingFaceExport.Gpt2Config(temp.File("gpt2"), "gpt-nano-bpe4k");
        var tokenizerConfigOnly = HuggingFaceExport.TokenizerConfigOnly(temp.File("tokenizer-config-only"), "gpt-nano-bpe4k");

        var ids = new List<long>();
        foreach (var folder in new[] { reference, gpt2, tokenizerConfigOnly })
        {
            var (status, body) = await api.UploadAsync(ModelApiClient.Files(folder));
            Assert.True(status == HttpStatusCode.Accepted, $"{Path.GetFileName(folder)}: {(int)status} {body}");
            ids.Add(body.GetProperty("id").GetInt64());
        }

        var expected = await ResponsesAsync(api, ids[0]);
        Assert.Equal(134, expected.Count);
        Assert.Equal(expected, await ResponsesAsync(api, ids[1]));
        Assert.Equal(expected, await ResponsesAsync(api, ids[2]));
        Assert.Contains("context 512 from config.json (n_positions)", (await api.ModelAsync(ids[1])).GetProperty("model").GetProperty("identity").GetString());
    }

    /// <summary>The model's one BLiMP run's responses, less the run id.</summary>
    internal static async Task<List<string>> ResponsesAsync(ModelApiClient api, long id)
    {
        var model = await api.WaitForAsync(id, ["finished", "failed", "rejected"]);
        Assert.True(model.GetProperty("status").GetString() == "finished", model.ToString());
        var run = Assert.Single(model.GetProperty("runs").EnumerateArray());
        var lines = (await api.Http.GetStringAsync($"/api/runs/{run.GetProperty("id").GetInt64()}/responses.jsonl"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Select(l => JsonNode.Parse(l)!.AsObject()).Select(o =>
        {
            o.Remove("run_id");
            return o.ToJsonString();
        }).ToList();
    }

    public void Dispose() => temp.Dispose();
}
