using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// Attack: a model that passes validation (batch 1 is fast) and loops once scoring batches rows. Its run holds the
/// single worker inside one ONNX Runtime call; cancel, delete and the per-run deadline must each end that call, and
/// the worker then runs the next run (gpt-nano-bpe4k's) to its end.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class LoopingRunTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Theory]
    [InlineData("cancel")]
    [InlineData("delete")]
    public async Task BatchedLooper_StopsWhenCancelledOrDeleted_AndTheNextRunFinishes(string how)
    {
        // The deadline is far away: only the user's action can stop the looper here.
        using var factory = Host("00:30:00", "20");
        var address = factory.StartRealServer();
        var api = new ModelApiClient(factory.Client(address, EvalWebFactory.UserKey));
        var (looper, looperRun) = await StartLooperAsync(api, how);
        var nextRun = await QueueNanoAsync(api);

        var response = how == "cancel"
            ? await api.Http.PostAsync($"/api/models/{looper}/cancel", null)
            : await factory.Client(address, EvalWebFactory.AdminKey).DeleteAsync($"/api/models/{looper}");
        Assert.Equal(how == "cancel" ? HttpStatusCode.OK : HttpStatusCode.NoContent, response.StatusCode);

        var next = await WaitForRunAsync(api, nextRun, ["finished", "failed"]);
        Assert.Equal(("finished", 67), (next.GetProperty("status").GetString(), next.GetProperty("done").GetInt32()));
        if (how == "cancel")
            Assert.Equal("cancelled", (await WaitForRunAsync(api, looperRun, ["cancelled"])).GetProperty("status").GetString());
        else
            Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync($"/api/models/{looper}")).StatusCode);
    }

    [Fact]
    public async Task BatchedLooper_FailsAtItsDeadline_WithItsReason_AndTheNextRunFinishes()
    {
        // Any expected time is far below the 3 s floor here: the floor is the deadline.
        using var factory = Host("00:00:03", "0.001");
        var address = factory.StartRealServer();
        var api = new ModelApiClient(factory.Client(address, EvalWebFactory.UserKey));
        var (looper, looperRun) = await StartLooperAsync(api, "deadline");
        var nextRun = await QueueNanoAsync(api);

        var failed = await WaitForRunAsync(api, looperRun, ["failed", "finished", "cancelled"]);

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        var error = failed.GetProperty("error").GetString()!;
        Assert.StartsWith("stopped after 3 s: ", error);
        Assert.Contains("0.001x its expected", error);
        var model = await api.ModelAsync(looper);
        Assert.Equal("failed", model.GetProperty("status").GetString());
        var next = await WaitForRunAsync(api, nextRun, ["finished", "failed"]);
        Assert.Equal(("finished", 67), (next.GetProperty("status").GetString(), next.GetProperty("done").GetInt32()));
        // Failed, not interrupted: nothing resumes it (a restart requeues only runs left running).
        Assert.Equal("failed", (await WaitForRunAsync(api, looperRun, ["failed"])).GetProperty("status").GetString());
    }

    [Fact]
    public async Task BatchedLooper_StopsAtShutdown_AndTheHostStopsPromptly()
    {
        var factory = Host("00:30:00", "20");
        try
        {
            var api = new ModelApiClient(factory.Client(factory.StartRealServer(), EvalWebFactory.UserKey));
            await StartLooperAsync(api, "shutdown");
        }
        catch
        {
            factory.Dispose();
            throw;
        }

        // Before, the call ran on past Hangfire's shutdown wait and the session was disposed under it: the process aborted.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        factory.Dispose();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    private static EvalWebFactory Host(string deadlineMinimum, string deadlineFactor) => new(new Dictionary<string, string?>
    {
        ["Eval:Suites:Quick:MaxInstancesPerSubset"] = "1",
        ["Eval:Worker:RunDeadlineMinimum"] = deadlineMinimum,
        ["Eval:Worker:RunDeadlineFactor"] = deadlineFactor,
    });

    /// <summary>Uploads the batch>1 looper (BLiMP, one pair per paradigm) and waits until its run is running.</summary>
    private async Task<(long Model, long Run)> StartLooperAsync(ModelApiClient api, string tag)
    {
        var (status, body) = await api.UploadAsync(ModelApiClient.Files(LoopingDecoder.WhenBatched(temp.File(tag), tag), ("name", "looper-" + tag)));
        Assert.True(status == HttpStatusCode.Accepted, $"upload answered {(int)status}: {body}");
        var id = body.GetProperty("id").GetInt64();
        var model = await Eventually.WaitForAsync(() => api.ModelAsync(id),
            m => m.GetProperty("runs").EnumerateArray().Any(r => r.GetProperty("status").GetString() == "running"),
            TimeSpan.FromSeconds(60), "the looper's run starting");
        var run = model.GetProperty("runs").EnumerateArray().Single().GetProperty("id").GetInt64();
        // Inside its first batched call by now (the run turns running just before scoring).
        await Task.Delay(1500);
        return (id, run);
    }

    /// <summary>Queues gpt-nano-bpe4k on BLiMP (one pair per paradigm): it waits behind the looper on the single worker.</summary>
    private static async Task<long> QueueNanoAsync(ModelApiClient api)
    {
        using var models = JsonDocument.Parse(await api.Http.GetStringAsync("/api/models"));
        var nano = models.RootElement.EnumerateArray().Single(m => m.GetProperty("name").GetString() == "gpt-nano-bpe4k").GetProperty("id").GetInt64();
        var evaluate = await api.Http.PostAsJsonAsync($"/api/models/{nano}/evaluate", new { suite = "quick", groups = new[] { "blimp" } });
        Assert.Equal(HttpStatusCode.Accepted, evaluate.StatusCode);
        using var queued = JsonDocument.Parse(await evaluate.Content.ReadAsStringAsync());
        var run = Assert.Single(queued.RootElement.GetProperty("runs").EnumerateArray());
        Assert.Equal("queued", run.GetProperty("status").GetString());
        return run.GetProperty("id").GetInt64();
    }

    private static Task<JsonElement> WaitForRunAsync(ModelApiClient api, long runId, string[] statuses) =>
        Eventually.WaitForAsync(async () => JsonDocument.Parse(await api.Http.GetStringAsync($"/api/runs/{runId}")).RootElement,
            r => statuses.Contains(r.GetProperty("status").GetString()), TimeSpan.FromSeconds(60), $"run {runId} reaching {string.Join(" or ", statuses)}");

    public void Dispose() => temp.Dispose();
}
