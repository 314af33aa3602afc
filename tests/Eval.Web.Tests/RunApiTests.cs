using System.Net;
using System.Text.Json;

namespace Eval.Web.Tests;

[Collection(WebHostCollection.Name)]
public sealed class RunApiTests
{
    [Fact]
    public async Task Downloads_StreamEveryResponse_AsJsonlCsvAndRunJson()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");

        var jsonl = await client.GetAsync($"/api/runs/{run.Id}/responses.jsonl");
        Assert.Equal("application/x-ndjson", jsonl.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"run_{run.Id}_responses.jsonl", jsonl.Content.Headers.ContentDisposition!.FileNameStar ?? jsonl.Content.Headers.ContentDisposition.FileName);
        var lines = (await jsonl.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(134, lines.Length);
        var correctByInstance = new Dictionary<string, double>();
        var distinctRequests = new HashSet<(string?, string?)>();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            Assert.Equal(run.Id, r.GetProperty("run_id").GetInt64());
            Assert.Equal("", r.GetProperty("prompt").GetString());
            Assert.StartsWith(" ", r.GetProperty("continuation").GetString());
            Assert.True(r.GetProperty("log_prob").GetDouble() < 0);
            Assert.True(r.GetProperty("token_count").GetInt32() > 0);
            correctByInstance[r.GetProperty("instance_id").GetString()!] = r.GetProperty("stats").GetProperty("accuracy").GetDouble();
            distinctRequests.Add((r.GetProperty("prompt").GetString(), r.GetProperty("continuation").GetString()));
        }
        Assert.Equal(67, correctByInstance.Count);

        using var runJson = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{run.Id}"));
        var overall = runJson.RootElement.GetProperty("stats").EnumerateArray().Single(s => s.GetProperty("level").GetString() == "overall");
        Assert.Equal(correctByInstance.Values.Sum(), overall.GetProperty("sum").GetDouble());
        Assert.Equal("finished", runJson.RootElement.GetProperty("status").GetString());
        // A fresh database: every distinct request was computed by the model, none came from the request cache.
        Assert.Equal(0, runJson.RootElement.GetProperty("cache_hits").GetInt32());
        Assert.Equal(distinctRequests.Count, runJson.RootElement.GetProperty("cache_misses").GetInt32());

        var csv = await client.GetAsync($"/api/runs/{run.Id}/responses.csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var rows = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("run_id,instance_id,subset,request_index,prompt,continuation,log_prob,token_count,is_greedy,stat_accuracy", rows[0]);
        Assert.Equal(135, rows.Length);
    }

    [Fact]
    public async Task Zips_HoldEveryFinishedRun_OfAModelAndOfAGroup()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");

        foreach (var path in new[] { $"/api/models/{run.ModelId}/runs.zip", "/api/leaderboard/blimp/runs.zip" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            Assert.Equal([$"run_{run.Id}/run.json", $"run_{run.Id}/responses.jsonl"], zip.Entries.Select(e => e.FullName));
            using var lines = new StreamReader(zip.GetEntry($"run_{run.Id}/responses.jsonl")!.Open());
            Assert.Equal(134, (await lines.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/models/999/runs.zip")).StatusCode);
    }

    [Theory]
    [InlineData("/api/runs/999")]
    [InlineData("/api/runs/999/responses.jsonl")]
    [InlineData("/api/runs/999/responses.csv")]
    public async Task UnknownRun_IsA404ProblemWithACode(string path)
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("not_found", doc.RootElement.GetProperty("code").GetString());
        Assert.Equal("no run with id 999", doc.RootElement.GetProperty("detail").GetString());
    }
}
