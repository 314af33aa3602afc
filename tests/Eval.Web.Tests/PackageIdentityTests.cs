using System.Net;
using System.Text.Json.Nodes;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// Uploads are one model per content identity (model files, tokenizer.json, the settings scoring uses): a corrected
/// tokenizer or context is new content beside the first, a renamed config is not, and the model page says what counts.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class PackageIdentityTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task CorrectedTokenizerOrContext_IsNewContent_WhileARenamedConfigIsADuplicate()
    {
        using var factory = new EvalWebFactory(UploadApiTests.NoReferences);
        var address = factory.StartRealServer();
        var api = new ModelApiClient(factory.Client(address, EvalWebFactory.UserKey));
        var original = ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File("original"));
        var renamed = Edited("renamed", "config.json", c => c["model_name"] = "another name");
        var template = HuggingFaceExportTokenizer(temp.File("template"));
        var shorter = Edited("shorter", "config.json", c => c["max_position_embeddings"] = 256);

        var (status, first) = await api.UploadAsync(ModelApiClient.Files(original));
        Assert.Equal(HttpStatusCode.Accepted, status);
        var (againStatus, again) = await api.UploadAsync(ModelApiClient.Files(renamed));
        var (templateStatus, withTemplate) = await api.UploadAsync(ModelApiClient.Files(template));
        var (shorterStatus, withShorter) = await api.UploadAsync(ModelApiClient.Files(shorter));

        Assert.Equal((HttpStatusCode.OK, true, Id(first)), (againStatus, again.GetProperty("duplicate").GetBoolean(), Id(again)));
        Assert.Equal(HttpStatusCode.Accepted, templateStatus);
        Assert.Equal(HttpStatusCode.Accepted, shorterStatus);
        // The same model.onnx each time: its sha256 stays, the identity differs.
        Assert.Single(new[] { first, withTemplate, withShorter }.Select(b => b.GetProperty("sha256").GetString()).Distinct());
        Assert.Equal(3, new[] { first, withTemplate, withShorter }.Select(b => b.GetProperty("identity_sha256").GetString()).Distinct().Count());
        foreach (var body in new[] { first, withTemplate, withShorter })
            Assert.True(File.Exists(Path.Combine(factory.DataDirectory, "models", body.GetProperty("identity_sha256").GetString()!, "tokenizer.json")));

        var shorterModel = await api.WaitForAsync(Id(withShorter), ["finished", "failed", "rejected"]);
        Assert.Equal("finished", shorterModel.GetProperty("status").GetString());
        Assert.Equal("model.onnx, tokenizer.json, settings: bos 0 from config.json (bos_token_id); eos 0 from config.json (eos_token_id); " +
                     "context 256 from config.json (max_position_embeddings); vocab 4096 from config.json (vocab_size)",
            shorterModel.GetProperty("model").GetProperty("identity").GetString());
        var page = await api.Http.GetStringAsync($"/models/{Id(withShorter)}");
        Assert.Contains("context 256 from config.json (max_position_embeddings)", page);

        // The tokenizer that adds its own BOS scores exactly as the original (its BOS is not scored as a word).
        var expected = await HuggingFaceExportUploadTests.ResponsesAsync(api, Id(first));
        Assert.Equal(expected, await HuggingFaceExportUploadTests.ResponsesAsync(api, Id(withTemplate)));
    }

    /// <summary>The original files with tokenizer.json's post-processor made a Llama-style TemplateProcessing that adds the BOS.</summary>
    private string HuggingFaceExportTokenizer(string target)
    {
        ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), target);
        var shaped = HuggingFaceExport.WithBosTemplate(temp.File("shaped"), "gpt-nano-bpe4k");
        File.Copy(Path.Combine(shaped, "tokenizer.json"), Path.Combine(target, "tokenizer.json"), overwrite: true);
        File.Copy(Path.Combine(shaped, "tokenizer_config.json"), Path.Combine(target, "tokenizer_config.json"), overwrite: true);
        return target;
    }

    private string Edited(string name, string file, Action<JsonObject> edit)
    {
        var folder = ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File(name));
        var json = HuggingFaceExport.ReadObject(folder, file);
        edit(json);
        HuggingFaceExport.Write(folder, file, json);
        return folder;
    }

    private static long Id(System.Text.Json.JsonElement body) => body.GetProperty("id").GetInt64();

    public void Dispose() => temp.Dispose();
}
