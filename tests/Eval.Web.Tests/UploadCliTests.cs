using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// `eval upload` against the real web host (the command line in its own process): a family checkpoint uploaded and
/// waited for appears in its family's curve data; a refused position, a position already taken, a missing or unknown
/// key are exit 2 with one line (the server's status, code and detail), and nothing is stored.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class UploadCliTests : IDisposable
{
    private const string Family = "gpt-mini-bpe8k";
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task FamilyCheckpoint_UploadedByTheCli_AppearsInItsFamily_AndWaitFollowsItsRunsToTheEnd()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?> { ["Eval:Suites:Quick:MaxInstancesPerSubset"] = "1" });
        var address = factory.StartRealServer();
        var folder = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", temp.File("mid-run"), "cli-mid-run");
        File.WriteAllText(temp.File("key.txt"), EvalWebFactory.UserKey + "\n");

        var (code, stdout, stderr) = await EvalCliProcess.RunAsync(null, "upload", "--server", address.ToString(), "--model", folder,
            "--name", "cli-mid-run", "--family", Family, "--checkpoint-tokens", "100000000", "--groups", "blimp",
            "--api-key-file", temp.File("key.txt"), "--wait");

        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var answer = Regex.Match(lines[0], @"^model (\d+): status=queued duplicate=false identity_sha256=[0-9a-f]{64} sha256=[0-9a-f]{64} page=(\S+)$");
        Assert.True(answer.Success, lines[0]);
        var id = long.Parse(answer.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(new Uri(address, $"/models/{id}").ToString(), answer.Groups[2].Value);
        Assert.Equal(3, lines.Length);
        Assert.Matches($@"^run (\d+) blimp: finished 67/67 {Regex.Escape(address.ToString())}runs/\1$", lines[1]);
        Assert.Equal($"model {id} finished: 100% (1 of 1 runs done)", lines[2]);
        // Progress went to stderr while it ran, ending with the model's final state.
        Assert.Equal($"model {id} finished: 100% (1 of 1 runs done)", stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim());

        using var client = factory.Client(address);
        using var family = JsonDocument.Parse(await client.GetStringAsync($"/api/families/{Family}"));
        var checkpoints = family.RootElement.GetProperty("checkpoints").EnumerateArray()
            .Select(c => (c.GetProperty("model").GetString(), c.GetProperty("model_id").GetInt64(), c.GetProperty("position").GetInt64(), c.GetProperty("status").GetString()))
            .ToList();
        Assert.Equal(("cli-mid-run", id, 100_000_000L, "finished"), checkpoints[1]);
        Assert.Equal(["gpt-mini-bpe8k-early", "cli-mid-run", "gpt-mini-bpe8k"], checkpoints.Select(c => c.Item1));
    }

    [Fact]
    public async Task RefusedUploads_AreExit2WithTheServersCodeOnOneLine_AndNothingIsStored()
    {
        using var factory = new EvalWebFactory();
        var server = factory.StartRealServer().ToString();
        var folder = ModelFixtures.DistinctCopy("gpt-nano-bpe4k", temp.File("refused"), "cli-refused");
        var before = await StoredState.ReadAsync(factory);

        async Task<string> RefusedAsync(string? key, params string[] args)
        {
            var (code, stdout, stderr) = await EvalCliProcess.RunAsync(key, ["upload", "--server", server, "--model", folder, "--groups", "blimp", .. args]);
            Assert.True(code == 2, $"exit {code}: {stderr}");
            Assert.Equal("", stdout);
            return Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Trim();
        }

        Assert.StartsWith("error: 400 checkpoint_invalid: ", await RefusedAsync(EvalWebFactory.UserKey, "--family", "new-run", "--checkpoint-tokens", "25M"));
        // gpt-mini-bpe8k-early is the family's checkpoint at 24,510,464 tokens.
        Assert.StartsWith("error: 409 checkpoint_duplicate: ", await RefusedAsync(EvalWebFactory.UserKey, "--family", Family, "--checkpoint-tokens", "24510464"));
        Assert.Equal("error: an API key is needed to upload: set EVAL_API_KEY or give --api-key-file FILE",
            await RefusedAsync(null, "--family", "new-run", "--checkpoint-tokens", "1000"));
        Assert.StartsWith("error: 401 api_key_invalid: ", await RefusedAsync("not-a-known-key", "--family", "new-run", "--checkpoint-tokens", "1000"));

        Assert.Equal(before, await StoredState.ReadAsync(factory));
    }

    [Fact]
    public async Task Wait_OnAModelItsQueuedValidationRejects_IsExit2WithTheRejectionsCode()
    {
        // Every model counts as large here, so validation is a queued job: the upload is accepted (202), then rejected.
        using var factory = new EvalWebFactory(new Dictionary<string, string?>
        {
            ["Eval:FirstStart:RegisterReferenceModels"] = "false", ["Eval:Upload:InlineValidationMaxBytes"] = "0",
        });
        var server = factory.StartRealServer().ToString();
        var broken = ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), temp.File("nan"));
        File.WriteAllBytes(Path.Combine(broken, "model.onnx"), TinyOnnx.Decoder(fill: float.NaN));

        var (code, stdout, stderr) = await EvalCliProcess.RunAsync(EvalWebFactory.UserKey, "upload", "--server", server, "--model", broken,
            "--name", "nan-model", "--wait");

        Assert.True(code == 2, $"exit {code}: {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var id = Regex.Match(lines[0], @"^model (\d+): status=queued duplicate=false ").Groups[1].Value;
        Assert.NotEmpty(id);
        Assert.Equal([lines[0], $"model {id} rejected"], lines);
        var error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.StartsWith($"error: model {id} rejected: smoke_test_failed: ", error);
        Assert.Contains("NaN", error);
    }

    public void Dispose() => temp.Dispose();
}
