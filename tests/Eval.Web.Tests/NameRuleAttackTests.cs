using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// A model's name follows the same rules whatever its source (the name field, config.json's model_name, a zip's
/// config.json): at most 100 characters, no control or invisible formatting characters (CR/LF, right-to-left
/// overrides), and not a reference model's name when typed. A refusal is field_invalid and stores nothing.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class NameRuleAttackTests(UploadHostFixture host) : IClassFixture<UploadHostFixture>
{
    [Theory]
    [InlineData("config_name_5000")]
    [InlineData("config_name_crlf")]
    [InlineData("config_name_rlo")]
    [InlineData("config_name_not_text")]
    [InlineData("zip_config_name_crlf")]
    [InlineData("form_name_rlo")]
    [InlineData("form_name_zero_width")]
    [InlineData("form_name_reference")]
    public async Task BadName_FromAnySource_IsRefusedFieldInvalid_AndNothingStoredChanges(string bad)
    {
        using var client = host.Factory.Client(host.Address, EvalWebFactory.UserKey);
        var before = await StoredState.ReadAsync(host.Factory);

        var response = await client.PostAsync("/api/models", Content(bad));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{bad}: {(int)response.StatusCode} {text}");
        using var problem = JsonDocument.Parse(text);
        Assert.Equal("field_invalid", problem.RootElement.GetProperty("code").GetString());
        Assert.Contains("name", problem.RootElement.GetProperty("detail").GetString());
        Assert.True(problem.RootElement.GetProperty("detail").GetString()!.Length < 500);
        Assert.Equal(before, await StoredState.ReadAsync(host.Factory));
    }

    [Fact]
    public async Task ConfigNameOfAReferenceModel_IsNotTaken_TheUploadIsNamedByItsHash()
    {
        using var client = host.Factory.Client(host.Address, EvalWebFactory.UserKey);
        var folder = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", host.Temp.File("impostor"), "impostor");

        var (status, body) = await new ModelApiClient(client).UploadAsync(ModelApiClient.Files(folder));

        Assert.Equal(HttpStatusCode.Accepted, status);
        var id = body.GetProperty("id").GetInt64();
        await client.PostAsync($"/api/models/{id}/cancel", null);
        var model = await new ModelApiClient(client).ModelAsync(id);
        Assert.Equal("upload-" + body.GetProperty("sha256").GetString()![..12], model.GetProperty("model").GetProperty("name").GetString());
    }

    private HttpContent Content(string bad)
    {
        var folder = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", host.Temp.File(bad), bad);
        void ConfigName(JsonNode? value)
        {
            var path = Path.Combine(folder, "config.json");
            var config = JsonNode.Parse(File.ReadAllText(path))!;
            config["model_name"] = value;
            File.WriteAllText(path, config.ToJsonString());
        }
        switch (bad)
        {
            case "config_name_5000": ConfigName(new string('x', 5000)); break;
            case "config_name_crlf": ConfigName("nano\r\nX-Injected: yes"); break;
            case "config_name_rlo": ConfigName("nano\u202Eexe.txt"); break;
            case "config_name_not_text": ConfigName(new JsonArray(1, 2)); break;
            case "zip_config_name_crlf":
                ConfigName("zipped\nnano");
                return ModelApiClient.Zip(ModelFixtures.Zip(folder, host.Temp.File(bad + ".zip")));
        }
        var fields = bad switch
        {
            "form_name_rlo" => new[] { ("name", "my\u202Etxt.exe") },
            "form_name_zero_width" => [("name", "gpt-nano\u200B-bpe4k")],
            "form_name_reference" => [("name", "gpt-nano-bpe4k")],
            _ => [],
        };
        return ModelApiClient.Files(folder, fields);
    }
}
