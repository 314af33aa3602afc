using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Eval.Data;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Tests;

/// <summary>A running run is cancelled through the API and stops; retried, it resumes from its stored responses; pages keep answering meanwhile.</summary>
[Collection(WebHostCollection.Name)]
public sealed class CancelRetryTests
{
    [Fact]
    public async Task RunningRun_StopsWhenCancelled_AndARetryResumesWithoutDuplicates()
    {
        using var factory = new EvalWebFactory(new Dictionary<string, string?> { ["Eval:Worker:ChunkSize"] = "200" });
        var address = factory.StartRealServer();
        using var client = factory.Client(address, EvalWebFactory.UserKey);
        var nano = await ModelIdAsync(client, "gpt-nano-bpe4k");

        var evaluate = await client.PostAsJsonAsync($"/api/models/{nano}/evaluate", new { suite = "full", groups = new[] { "blimp" } });
        Assert.Equal(HttpStatusCode.Accepted, evaluate.StatusCode);
        using var queued = JsonDocument.Parse(await evaluate.Content.ReadAsStringAsync());
        var run = Assert.Single(queued.RootElement.GetProperty("runs").EnumerateArray());
        var runId = run.GetProperty("id").GetInt64();
        Assert.Equal((67000, null as int?), (run.GetProperty("total").GetInt32(), run.GetProperty("sample").ValueKind == JsonValueKind.Null ? null : 0));

        await WaitForRunAsync(client, runId, r => r.GetProperty("done").GetInt32() >= 400, "two chunks stored");
        // The worker uses every core, yet pages and the API still answer.
        foreach (var page in new[] { "/", "/models", $"/models/{nano}", "/api/leaderboard/blimp" })
        {
            var clock = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{page} took {clock.Elapsed}");
        }

        var cancel = await client.PostAsync($"/api/runs/{runId}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var stopped = await WaitForStableAsync(factory, runId);
        Assert.InRange(stopped.Responses, 2 * 400, 2 * 66000);
        var model = await new ModelApiClient(client).ModelAsync(nano);
        Assert.Equal("cancelled", model.GetProperty("status").GetString());
        Assert.Equal("cancelled", model.GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == runId).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/runs/{runId}/cancel", null)).StatusCode);

        var retry = await client.PostAsync($"/api/runs/{runId}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await WaitForRunAsync(client, runId, r => r.GetProperty("status").GetString() == "running" && r.GetProperty("done").GetInt32() > stopped.Instances + 200,
            "the retried run passing where it stopped");
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/models/{nano}/cancel", null)).StatusCode);
        var after = await WaitForStableAsync(factory, runId);
        Assert.True(after.Instances > stopped.Instances);
        Assert.Equal(2 * after.Instances, after.Responses);
    }

    [Fact]
    public async Task Evaluate_RefusesUnknownFieldsAndSuites_AndUnknownModels()
    {
        using var factory = new EvalWebFactory();
        using var client = factory.Client(factory.StartRealServer(), EvalWebFactory.UserKey);
        var nano = await ModelIdAsync(client, "gpt-nano-bpe4k");

        Assert.Equal("unknown_field", await CodeAsync(await client.PostAsJsonAsync($"/api/models/{nano}/evaluate", new { colour = "blue" })));
        Assert.Equal("field_invalid", await CodeAsync(await client.PostAsJsonAsync($"/api/models/{nano}/evaluate", new { suite = "huge" })));
        Assert.Equal("field_invalid", await CodeAsync(await client.PostAsJsonAsync($"/api/models/{nano}/evaluate", new { groups = new[] { "astrology" } })));
        Assert.Equal("not_found", await CodeAsync(await client.PostAsync("/api/models/999/evaluate", null)));
        Assert.Equal("not_found", await CodeAsync(await client.PostAsync("/api/runs/999/retry", null)));
        Assert.Equal("conflict", await CodeAsync(await client.PostAsync($"/api/models/{nano}/cancel", null)));
    }

    private static async Task<long> ModelIdAsync(HttpClient client, string name)
    {
        using var models = JsonDocument.Parse(await client.GetStringAsync("/api/models"));
        return models.RootElement.EnumerateArray().Single(m => m.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();
    }

    private static async Task<string?> CodeAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("code").GetString();
    }

    private static Task<JsonElement> WaitForRunAsync(HttpClient client, long runId, Func<JsonElement, bool> done, string what) =>
        Eventually.WaitForAsync(async () => JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{runId}")).RootElement, done, TimeSpan.FromSeconds(90), what);

    /// <summary>Waits until the run's stored instances stop growing for two seconds (its job has stopped); returns them and the responses.</summary>
    private static async Task<(int Instances, int Responses)> WaitForStableAsync(EvalWebFactory factory, long runId)
    {
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        async Task<(int, int)> ReadAsync()
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            var instances = await db.InstanceStats.Where(s => s.RunId == runId).Select(s => s.InstanceId).Distinct().CountAsync();
            return (instances, await db.Responses.CountAsync(r => r.RunId == runId));
        }
        var last = await ReadAsync();
        for (var i = 0; i < 60; i++)
        {
            await Task.Delay(2000);
            var now = await ReadAsync();
            if (now == last)
                return now;
            last = now;
        }
        throw new TimeoutException($"run {runId} kept storing after it was cancelled: {last}");
    }
}
