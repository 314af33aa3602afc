using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Eval.TestKit;
using Xunit.Abstractions;

namespace Eval.Web.Tests;

/// <summary>
/// An oversized settings file is refused while it streams in: it is never read whole or parsed, so the server's
/// memory stays where it was (a 48 MB config.json parsed whole cost about ten times its size).
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class UploadMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const int ConfigBytes = 48 * 1024 * 1024;
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task HugeConfigJson_IsRefusedAsTooLarge_WithoutTheServerHoldingIt()
    {
        using var factory = new EvalWebFactory(UploadApiTests.NoReferences);
        var address = factory.StartRealServer();
        using var client = factory.Client(address, EvalWebFactory.UserKey);
        var folder = ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File("huge"));
        WriteHugeConfig(Path.Combine(folder, "config.json"));
        var before = await StoredState.ReadAsync(factory);
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        using var response = await client.PostAsync("/api/models", StreamedFiles(folder));

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"{(int)response.StatusCode}; allocated during the upload: {allocated:N0} bytes; managed heap before {memoryBefore:N0}, " +
                         $"after {GC.GetTotalMemory(forceFullCollection: true):N0}");
        Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("file_too_large", JsonDocument.Parse(text).RootElement.GetProperty("code").GetString());
        Assert.Contains("config.json", text);
        Assert.Contains("Eval:Upload:MaxSettingsFileBytes", text);
        Assert.Equal(before, await StoredState.ReadAsync(factory));
        // The body passes through pooled buffers; parsing it would allocate several times its size.
        Assert.True(allocated < ConfigBytes / 2, $"{allocated:N0} bytes allocated while refusing a {ConfigBytes:N0}-byte config.json");
        var memoryAfter = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(memoryAfter - memoryBefore < 16 * 1024 * 1024, $"managed memory grew from {memoryBefore:N0} to {memoryAfter:N0} bytes");
    }

    /// <summary>A valid JSON object of <see cref="ConfigBytes"/> bytes: the usual keys and one long array.</summary>
    private static void WriteHugeConfig(string path)
    {
        using var file = new StreamWriter(path, false, new UTF8Encoding(false));
        file.Write("{\"model_name\": \"huge\", \"vocab_size\": 4096, \"bos_token_id\": 0, \"eos_token_id\": 0, \"max_position_embeddings\": 512, \"padding\": [0");
        var written = 120L;
        while (written < ConfigBytes)
        {
            file.Write(",0,0,0,0,0,0,0,0");
            written += 16;
        }
        file.Write("]}");
    }

    /// <summary>The folder's package files streamed from disk, so the test itself holds none of them whole.</summary>
    private static MultipartFormDataContent StreamedFiles(string folder)
    {
        var content = ModelApiClient.Text();
        foreach (var (file, field) in new[] { ("model.onnx", "model"), ("tokenizer.json", "tokenizer"), ("config.json", "config"), ("tokenizer_config.json", "tokenizer_config") })
        {
            var part = new StreamContent(File.OpenRead(Path.Combine(folder, file)), 1 << 16);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, field, file);
        }
        return content;
    }

    public void Dispose() => temp.Dispose();
}
