using System.Net;
using System.Text.Json;
using Eval.Inference.Onnx.Graph;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// Issue #12 item 1 against a real host: an uploaded float16 model whose external data names a file of the server
/// (a bare name the server's working directory has, or an absolute path into the data folder, where other users'
/// models live) is refused with 422 and a stable code before ONNX Runtime opens anything; nothing is stored, and
/// neither that file's content nor a server path appears in the answer.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class ExternalDataUploadAttackTests(UploadHostFixture host) : IClassFixture<UploadHostFixture>
{
    private const string Secret = "SECRET-appsettings-content-7f3a";

    [Theory]
    [InlineData("working_directory", "external_data_missing")]
    [InlineData("data_folder_absolute", "external_data_outside_package")]
    [InlineData("climbs_out", "external_data_outside_package")]
    public async Task Upload_OfAGraphReadingAServerFile_IsRefused_AndNothingLeaks(string attack, string code)
    {
        using var client = host.Factory.Client(host.Address, EvalWebFactory.UserKey);
        var before = await StoredState.ReadAsync(host.Factory);
        var folder = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", host.Temp.File("attack-" + attack), attack);
        var name = $"eval-victim-{Guid.NewGuid():N}.json";
        var location = attack switch
        {
            "working_directory" => name,
            "data_folder_absolute" => Path.Combine(host.Factory.DataDirectory, "other-user", name),
            _ => "../" + name,
        };
        // The victim's bytes are the model's real weights, so a server that followed the location would load, validate and store it.
        var victim = Path.GetFullPath(Path.Combine(folder, WriteFloat16Graph(folder, location)));
        if (attack == "working_directory")
        {
            File.Move(victim, Path.Combine(Environment.CurrentDirectory, name));
            victim = Path.Combine(Environment.CurrentDirectory, name);
        }
        File.AppendAllText(victim, Secret);
        try
        {
            var response = await client.PostAsync("/api/models", ModelApiClient.Files(folder));

            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{attack}: {(int)response.StatusCode} {text}");
            using var problem = JsonDocument.Parse(text);
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
            Assert.Contains(Path.GetFileName(victim), problem.RootElement.GetProperty("detail").GetString());
            Assert.DoesNotContain(Secret, text);
            Assert.DoesNotContain(Environment.CurrentDirectory, text.Replace(victim, ""));
            Assert.DoesNotContain(host.Factory.DataDirectory, text.Replace(victim, ""));
            Assert.Equal(before, await StoredState.ReadAsync(host.Factory));
        }
        finally
        {
            File.Delete(victim);
        }
    }

    /// <summary>Writes a float16 (at its boundary) nano whose weights are external data at <paramref name="location"/>; returns it.</summary>
    private static string WriteFloat16Graph(string package, string location)
    {
        var graph = Path.Combine(package, "model.onnx");
        var bytes = File.ReadAllBytes(graph);
        var model = OnnxModelFile.Parse(bytes);
        var half = BoundaryCast.Retype(bytes, model.Inputs.Where(i => i.Value == OnnxElementType.Float).ToDictionary(),
            model.Outputs.Where(o => o.Value == OnnxElementType.Float).ToDictionary(), OnnxElementType.Float16);
        ExternalDataExport.Write(half, graph, ExternalDataExport.OneFile(location));
        return location;
    }
}
