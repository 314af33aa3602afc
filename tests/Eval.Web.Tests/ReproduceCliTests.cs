using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// "Reproduce this number" from the outside: run.json and responses.jsonl downloaded from a server, replayed by the
/// command line (a separate process, as on another machine) on a local copy of the model: the same numbers, instance
/// by instance; a changed stored response is found; another model folder is refused with exit 2 and one line.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class ReproduceCliTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task DownloadedRun_ReplayedByTheCli_IsIdentical_ATamperedResponseDiffers_AndAnotherModelIsRefused()
    {
        long runId;
        double storedAccuracy;
        using (var factory = new EvalWebFactory())
        {
            using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
            var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");
            runId = run.Id;
            await File.WriteAllBytesAsync(temp.File("run.json"), await client.GetByteArrayAsync($"/api/runs/{run.Id}?download=true"));
            await File.WriteAllBytesAsync(temp.File("responses.jsonl"), await client.GetByteArrayAsync($"/api/runs/{run.Id}/responses.jsonl"));
            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(temp.File("run.json")));
            storedAccuracy = doc.RootElement.GetProperty("stats").EnumerateArray()
                .Single(s => s.GetProperty("level").GetString() == "overall" && s.GetProperty("metric").GetString() == "accuracy").GetProperty("mean").GetDouble();

            // Against the server: the run's address gives run.json and responses.jsonl.
            var (fromServer, serverOut, serverErr) = await EvalCliAsync("--reproduce", new Uri(client.BaseAddress!, $"/api/runs/{run.Id}").ToString(),
                "--model", Repo.ReferenceModel("gpt-nano-bpe4k"), "--device", "cpu");
            Assert.True(fromServer == 0, serverErr);
            Assert.EndsWith(": identical", serverOut.Split('\n')[0].TrimEnd());
        }

        var (code, stdout, stderr) = await EvalCliAsync("--reproduce", temp.File("run.json"), "--responses", temp.File("responses.jsonl"),
            "--model", Repo.ReferenceModel("gpt-nano-bpe4k"), "--device", "cpu", "--json", temp.File("same.json"));
        Assert.True(code == 0, stderr);
        Assert.EndsWith(": identical", stdout.Split('\n')[0].TrimEnd());
        var same = JsonNode.Parse(await File.ReadAllTextAsync(temp.File("same.json")))!;
        Assert.Equal((true, 67, 0), (same["identical"]!.GetValue<bool>(), same["instances_compared"]!.GetValue<int>(), same["instances_differing"]!.GetValue<int>()));
        Assert.Equal((storedAccuracy, storedAccuracy, 0.0), (same["stored_value"]!.GetValue<double>(), same["new_value"]!.GetValue<double>(), same["difference"]!.GetValue<double>()));
        Assert.InRange(same["max_log_prob_difference"]!.GetValue<double>(), 0, 1e-4);

        // One stored instance changed: a log-prob moved and its decision flipped.
        var lines = await File.ReadAllLinesAsync(temp.File("responses.jsonl"));
        var first = JsonNode.Parse(lines[0])!;
        var instance = first["instance_id"]!.GetValue<string>();
        var wasRight = first["stats"]!["accuracy"]!.GetValue<double>();
        for (var i = 0; i < lines.Length; i++)
        {
            var row = JsonNode.Parse(lines[i])!;
            if (row["instance_id"]!.GetValue<string>() != instance)
                continue;
            row["stats"]!["accuracy"] = 1 - wasRight;
            if (row["request_index"]!.GetValue<int>() == 0)
                row["log_prob"] = row["log_prob"]!.GetValue<double>() + 0.5;
            lines[i] = row.ToJsonString();
        }
        await File.WriteAllLinesAsync(temp.File("tampered.jsonl"), lines);

        (code, stdout, stderr) = await EvalCliAsync("--reproduce", temp.File("run.json"), "--responses", temp.File("tampered.jsonl"),
            "--model", Repo.ReferenceModel("gpt-nano-bpe4k"), "--device", "cpu", "--json", temp.File("tampered.json"));
        Assert.True(code == 0, stderr);
        Assert.EndsWith(": 1 of 67 instances differ", stdout.Split('\n')[0].TrimEnd());
        var tampered = JsonNode.Parse(await File.ReadAllTextAsync(temp.File("tampered.json")))!;
        Assert.Equal([instance], tampered["differing"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(0.5, tampered["max_log_prob_difference"]!.GetValue<double>(), 6);
        Assert.Equal((wasRight - (1 - wasRight)) / 67, tampered["difference"]!.GetValue<double>(), 12);

        (code, stdout, stderr) = await EvalCliAsync("--reproduce", temp.File("run.json"), "--responses", temp.File("responses.jsonl"),
            "--model", Repo.ReferenceModel("gpt-mini-bpe8k"), "--device", "cpu");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"is not the model of run {runId.ToString(CultureInfo.InvariantCulture)}", line);
    }

    /// <summary>The command line as a user runs it: `dotnet eval.dll evaluate ...` in its own process.</summary>
    private static async Task<(int Code, string Out, string Err)> EvalCliAsync(params string[] args)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Repo.Root, "src", "Eval.Cli", "bin", configuration, "net10.0", "eval.dll"));
        start.ArgumentList.Add("evaluate");
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["ORT_DISABLE_TELEMETRY"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => temp.Dispose();
}
