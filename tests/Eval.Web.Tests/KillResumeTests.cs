using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.TestKit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace Eval.Web.Tests;

/// <summary>
/// The worker (inside the real web host process) is killed with SIGKILL in the middle of a run. On restart the
/// run resumes from its stored responses and ends with exactly the stats and responses of a run never interrupted.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class KillResumeTests(ITestOutputHelper log)
{
    private const int Sample = 30;
    private const string Key = "kill-test-admin-key";

    [Fact]
    public async Task KilledMidRun_ResumesOnRestart_ToTheStatsAndResponsesOfAnUninterruptedRun()
    {
        using var data = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["Eval__DataDirectory"] = data.Path,
            ["Eval__FirstStart__EvaluateReferenceModels"] = "false",
            ["Eval__Suites__Quick__MaxInstancesPerSubset"] = Sample.ToString(),
            ["Eval__Worker__ChunkSize"] = "100",
            ["Eval__Inference__Device"] = "cpu",
            ["EVAL_API_KEY"] = Key,
        };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long runId;
        int total, storedAtKill;
        using (var first = await ChildHost.StartWebAsync(environment))
        {
            using var client = Client(first.Address);
            using var models = JsonDocument.Parse(await client.GetStringAsync("/api/models"));
            var nano = models.RootElement.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "gpt-nano-bpe4k").GetProperty("id").GetInt64();
            var evaluate = await client.PostAsJsonAsync($"/api/models/{nano}/evaluate", new { suite = "quick", groups = new[] { "blimp" } });
            Assert.Equal(HttpStatusCode.Accepted, evaluate.StatusCode);
            using var queued = JsonDocument.Parse(await evaluate.Content.ReadAsStringAsync());
            var run = queued.RootElement.GetProperty("runs")[0];
            (runId, total) = (run.GetProperty("id").GetInt64(), run.GetProperty("total").GetInt32());

            // Kill as soon as a few chunks are stored, well before the end.
            storedAtKill = await Eventually.WaitForAsync(() => StoredInstancesAsync(data.Path, runId), n => n >= 300, TimeSpan.FromSeconds(90), "chunks being stored");
            first.Kill();
            storedAtKill = await StoredInstancesAsync(data.Path, runId);
            log.WriteLine($"{clock.Elapsed}: killed process {first.ProcessId} with {storedAtKill} of {total} instances stored");
        }
        Assert.InRange(storedAtKill, 300, total - 1);
        await using (var db = Context(data.Path))
            Assert.Equal(RunStatus.Running, (await db.Runs.SingleAsync(r => r.Id == runId)).Status);

        using (var second = await ChildHost.StartWebAsync(environment))
        {
            using var client = Client(second.Address);
            var finished = await Eventually.WaitForAsync(async () => JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{runId}")).RootElement,
                r => r.GetProperty("status").GetString() is "finished" or "failed", TimeSpan.FromSeconds(90), "the resumed run finishing");
            Assert.Equal("finished", finished.GetProperty("status").GetString());
            Assert.Contains($"Run {runId} was interrupted; queued again", second.Output);
            log.WriteLine($"{clock.Elapsed}: the resumed run finished");
            second.Kill();
        }

        var resumed = await ReadRunAsync(data.Path, runId);
        var uninterrupted = await UninterruptedRunAsync();
        log.WriteLine($"{clock.Elapsed}: the uninterrupted run finished");
        Assert.Equal(total, resumed.Instances);
        Assert.Equal(2 * total, resumed.Responses.Count);
        Assert.Equal(uninterrupted.Responses.Count, resumed.Responses.Count);
        Assert.Equal(uninterrupted.Stats, resumed.Stats);
        // Log-probs agree to the batching tolerance used everywhere (1e-4): the two runs happen in different processes,
        // and the prefix-sharing scorer's floats move at the 1e-6 level with how a batch is made up.
        foreach (var (key, logProb) in uninterrupted.Responses)
            Assert.True(Math.Abs(logProb - resumed.Responses[key]) < 1e-4, $"{key}: {logProb} vs {resumed.Responses[key]}");
        SqliteConnection.ClearAllPools();
    }

    /// <summary>
    /// The same spec run start to end in this process by the same executor, in a fresh database, with the same chunk
    /// size: chunks cover the sampled order contiguously, so a resumed run scores the very same batches (the prefix-
    /// sharing scorer's floats depend on a batch's make-up at the 1e-6 level, which a different chunking would show).
    /// </summary>
    private static async Task<StoredRun> UninterruptedRunAsync()
    {
        using var data = new TempDirectory();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Eval:DataDirectory"] = data.Path,
            ["Eval:FirstStart:RegisterReferenceModels"] = "false",
            ["Eval:Hangfire:Storage"] = "Memory",
            ["Eval:Worker:InProcess"] = "false",
            ["Eval:Worker:ChunkSize"] = "100",
            ["Eval:Inference:Device"] = "cpu",
        });
        builder.Services.AddEvalPlatform(builder.Configuration, AppContext.BaseDirectory);
        using var host = builder.Build();
        await host.StartAsync();
        var model = await host.Services.GetRequiredService<ModelRegistrar>().RegisterAsync(Repo.ReferenceModel("gpt-nano-bpe4k"), ModelSources.Reference);
        var run = await host.Services.GetRequiredService<RunScheduler>().ScheduleAsync(model, "blimp", null, Sample, 0);
        await host.Services.GetRequiredService<RunExecutor>().ExecuteAsync(run.Id, CancellationToken.None);
        await host.StopAsync();
        var stored = await ReadRunAsync(data.Path, run.Id);
        SqliteConnection.ClearAllPools();
        return stored;
    }

    private sealed record StoredRun(int Instances, Dictionary<(string Instance, int Request), double> Responses, List<string> Stats);

    private static async Task<StoredRun> ReadRunAsync(string dataDirectory, long runId)
    {
        await using var db = Context(dataDirectory);
        Assert.Equal(RunStatus.Finished, (await db.Runs.SingleAsync(r => r.Id == runId)).Status);
        var responses = await db.Responses.Where(r => r.RunId == runId).Select(r => new { r.InstanceId, r.RequestIndex, r.LogProb }).ToListAsync();
        var stats = await db.RunStats.Where(s => s.RunId == runId).OrderBy(s => s.Level).ThenBy(s => s.Key).ThenBy(s => s.Metric).ToListAsync();
        return new StoredRun(
            await db.InstanceStats.Where(s => s.RunId == runId).Select(s => s.InstanceId).Distinct().CountAsync(),
            responses.ToDictionary(r => (r.InstanceId, r.RequestIndex), r => r.LogProb),
            stats.Select(s => $"{s.Metric}/{s.Level}/{s.Key}: n={s.Count} sum={s.Sum:R} ss={s.SumSquares:R} min={s.Min:R} max={s.Max:R} mean={s.Mean:R} ci=[{s.CiLow:R}, {s.CiHigh:R}]").ToList());
    }

    private static async Task<int> StoredInstancesAsync(string dataDirectory, long runId)
    {
        await using var db = Context(dataDirectory);
        return await db.InstanceStats.Where(s => s.RunId == runId).Select(s => s.InstanceId).Distinct().CountAsync();
    }

    private static EvalDbContext Context(string dataDirectory)
    {
        var options = new DbContextOptionsBuilder<EvalDbContext>();
        EvalDatabase.Configure(options, EvalDatabase.SqliteConnectionString(Path.Combine(dataDirectory, "eval.db")));
        return new EvalDbContext(options.Options);
    }

    private static HttpClient Client(Uri address)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);
        return client;
    }
}
