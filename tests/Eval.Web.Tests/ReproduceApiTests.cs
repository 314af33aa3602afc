using System.Net;
using System.Text.Json;
using Eval.Core.Stats;
using Eval.Data;
using Eval.Data.Entities;
using Eval.TestKit;
using Eval.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Tests;

/// <summary>
/// A server-side reproduction: queued by POST /api/runs/{id}/reproduce, run by the worker through the same runner,
/// stored and shown ("reproduced on date, hardware: identical"); a changed stored response is found; bad requests
/// are answered with a code and store nothing.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class ReproduceApiTests
{
    [Fact]
    public async Task Reproduce_OfAFinishedRun_IsIdentical_FindsAChangedResponse_AndRefusesWhatItCannotDo()
    {
        using var factory = new EvalWebFactory();
        var address = factory.StartRealServer();
        using var client = factory.Client(address, EvalWebFactory.UserKey);
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        double overall;
        await using (var db = await dbFactory.CreateDbContextAsync())
            overall = (await db.RunStats.SingleAsync(s => s.RunId == run.Id && s.Level == StatLevel.Overall && s.Metric == "accuracy")).Mean;

        var same = await ReproduceAsync(client, run.Id);
        Assert.Equal((true, 67, 0), (same.GetProperty("identical").GetBoolean(), same.GetProperty("instances_compared").GetInt32(),
            same.GetProperty("instances_differing").GetInt32()));
        Assert.Equal((overall, overall, 0.0), (same.GetProperty("stored_value").GetDouble(), same.GetProperty("new_value").GetDouble(),
            same.GetProperty("difference").GetDouble()));
        Assert.InRange(same.GetProperty("max_log_prob_difference").GetDouble(), 0, 1e-4);
        Assert.Equal(run.Hardware, same.GetProperty("hardware").GetString());
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var stored = await db.Reproductions.SingleAsync(r => r.Id == same.GetProperty("id").GetInt64());
            Assert.StartsWith($"reproduced on {stored.FinishedAt:yyyy-MM-dd}, {run.Hardware}: identical (67 instances, max |log-prob difference| ", Reproductions.Describe(stored));
        }

        // A stored response changed behind the run's back: the reproduction names its instance.
        string changed;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var response = await db.Responses.Where(r => r.RunId == run.Id).OrderBy(r => r.Id).FirstAsync();
            changed = response.InstanceId;
            await db.Responses.Where(r => r.Id == response.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.LogProb, r => r.LogProb + 0.5));
        }
        var differs = await ReproduceAsync(client, run.Id);
        Assert.Equal((false, 1), (differs.GetProperty("identical").GetBoolean(), differs.GetProperty("instances_differing").GetInt32()));
        Assert.Equal([changed], differs.GetProperty("differing").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(0.5, differs.GetProperty("max_log_prob_difference").GetDouble(), 6);

        using var list = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{run.Id}/reproductions"));
        Assert.Equal([differs.GetProperty("id").GetInt64(), same.GetProperty("id").GetInt64()], list.RootElement.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));

        // Refusals store nothing: no key, no such run, a run that is not finished.
        using var anonymous = new HttpClient { BaseAddress = address };
        await using (var db = await dbFactory.CreateDbContextAsync())
            await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RunStatus.Cancelled));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/runs/{run.Id}/reproduce", null)).StatusCode);
        await AssertProblemAsync(await client.PostAsync("/api/runs/999999/reproduce", null), HttpStatusCode.NotFound, "not_found");
        await AssertProblemAsync(await client.PostAsync($"/api/runs/{run.Id}/reproduce", null), HttpStatusCode.Conflict, "conflict");
        await using (var db = await dbFactory.CreateDbContextAsync())
            Assert.Equal(2, await db.Reproductions.CountAsync());
    }

    private static async Task<JsonElement> ReproduceAsync(HttpClient client, long runId)
    {
        var response = await client.PostAsync($"/api/runs/{runId}/reproduce", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var done = await Eventually.WaitForAsync(
            async () => JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{runId}/reproductions")).RootElement.EnumerateArray()
                .Single(r => r.GetProperty("id").GetInt64() == id),
            r => r.GetProperty("status").GetString() is "finished" or "failed", TimeSpan.FromSeconds(90), $"reproduction {id} ending");
        Assert.True(done.GetProperty("status").GetString() == "finished", done.ToString());
        return done;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }
}
