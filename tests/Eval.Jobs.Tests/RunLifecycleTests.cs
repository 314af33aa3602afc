using Eval.Data;
using Eval.Data.Entities;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs.Tests;

/// <summary>Run status transitions on a real SQLite database: the allowed ones apply and move the model's status with them; the others are refused and change nothing.</summary>
public sealed class RunLifecycleTests : IDisposable
{
    private readonly TestDatabase database = new();
    private readonly RunLifecycle lifecycle;

    public RunLifecycleTests()
    {
        var factory = database.Factory();
        lifecycle = new RunLifecycle(factory, new ModelStatusUpdater(factory));
    }

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task QueuedRun_StartsAndFinishes_AndTheModelFollows()
    {
        var (model, run) = await NewRunAsync();
        Assert.Equal((RunStatus.Queued, ModelStatus.Queued), await StatusesAsync(model, run));

        Assert.True(await lifecycle.StartAsync(run));
        Assert.Equal((RunStatus.Running, ModelStatus.Running), await StatusesAsync(model, run));

        Assert.True(await lifecycle.FinishAsync(run));
        Assert.Equal((RunStatus.Finished, ModelStatus.Finished), await StatusesAsync(model, run));
    }

    [Fact]
    public async Task FinishedRun_RefusesEveryOtherTransition()
    {
        var (model, run) = await NewRunAsync();
        await lifecycle.StartAsync(run);
        await lifecycle.FinishAsync(run);

        Assert.False(await lifecycle.CancelAsync(run));
        Assert.False(await lifecycle.RequeueAsync(run));
        Assert.False(await lifecycle.StartAsync(run));
        Assert.False(await lifecycle.FailAsync(run, "late error"));
        Assert.False(await lifecycle.HandBackAsync(run, "no files"));
        Assert.Equal((RunStatus.Finished, ModelStatus.Finished), await StatusesAsync(model, run));
        Assert.Null(await ErrorAsync(run));
    }

    [Fact]
    public async Task CancelledRun_IsNotStartedOrFinished_UntilARetryQueuesIt()
    {
        var (model, run) = await NewRunAsync();
        Assert.True(await lifecycle.CancelAsync(run));
        Assert.Equal((RunStatus.Cancelled, ModelStatus.Cancelled), await StatusesAsync(model, run));

        Assert.False(await lifecycle.StartAsync(run));
        Assert.False(await lifecycle.FinishAsync(run));
        Assert.False(await lifecycle.FailAsync(run, "stopping threw"));
        Assert.False(await lifecycle.CancelAsync(run));
        Assert.Equal(RunStatus.Cancelled, (await StatusesAsync(model, run)).Run);

        Assert.True(await lifecycle.RequeueAsync(run));
        Assert.Equal((RunStatus.Queued, ModelStatus.Queued), await StatusesAsync(model, run));
    }

    [Fact]
    public async Task FailedRun_GivesTheModelItsReason_AndARetryClearsIt()
    {
        var (model, run) = await NewRunAsync();
        await lifecycle.StartAsync(run);

        Assert.True(await lifecycle.FailAsync(run, "model.onnx is gone"));
        Assert.Equal((RunStatus.Failed, ModelStatus.Failed), await StatusesAsync(model, run));
        await using (var db = database.CreateContext())
            Assert.Equal($"blimp run #{run} failed: model.onnx is gone", (await db.Models.SingleAsync(m => m.Id == model)).Error);

        Assert.True(await lifecycle.RequeueAsync(run));
        Assert.Equal((RunStatus.Queued, ModelStatus.Queued), await StatusesAsync(model, run));
        Assert.Null(await ErrorAsync(run));
        await using (var db = database.CreateContext())
            Assert.Null((await db.Models.SingleAsync(m => m.Id == model)).Error);
    }

    [Fact]
    public async Task QueuedOrRunningRun_IsNotRequeued_AndADeadlineFailsOnlyARunningOne()
    {
        var (model, run) = await NewRunAsync();
        Assert.False(await lifecycle.RequeueAsync(run));
        Assert.False(await lifecycle.FailRunningAsync(run, "stopped after 5 min"));
        Assert.Equal(RunStatus.Queued, (await StatusesAsync(model, run)).Run);

        await lifecycle.StartAsync(run);
        Assert.False(await lifecycle.RequeueAsync(run));
        Assert.True(await lifecycle.FailRunningAsync(run, "stopped after 5 min"));
        Assert.Equal((RunStatus.Failed, "stopped after 5 min"), ((await StatusesAsync(model, run)).Run, await ErrorAsync(run)));
    }

    [Fact]
    public async Task RunningRun_HandedBack_IsQueuedWithTheReason()
    {
        var (model, run) = await NewRunAsync();
        await lifecycle.StartAsync(run);

        Assert.True(await lifecycle.HandBackAsync(run, "cannot see model.onnx; handed to another worker"));

        Assert.Equal((RunStatus.Queued, ModelStatus.Queued), await StatusesAsync(model, run));
        Assert.Equal("cannot see model.onnx; handed to another worker", await ErrorAsync(run));
    }

    [Fact]
    public async Task Restart_QueuesOnlyTheRunsLeftRunning()
    {
        var (model, running) = await NewRunAsync();
        var (_, queued) = await NewRunAsync(model, "blimp@1:other");
        await lifecycle.StartAsync(running);

        var requeued = await lifecycle.RequeueInterruptedAsync();

        Assert.Equal((running, "cpu"), Assert.Single(requeued));
        Assert.Equal((RunStatus.Queued, ModelStatus.Queued), await StatusesAsync(model, running));
        Assert.Equal(RunStatus.Queued, (await StatusesAsync(model, queued)).Run);
    }

    [Fact]
    public async Task CancellingAModel_CancelsItsQueuedAndRunningRuns_NotItsFinishedOnes()
    {
        var (model, finished) = await NewRunAsync();
        await lifecycle.StartAsync(finished);
        await lifecycle.FinishAsync(finished);
        var (_, running) = await NewRunAsync(model, "blimp@1:running");
        await lifecycle.StartAsync(running);
        var (_, queued) = await NewRunAsync(model, "blimp@1:queued");

        Assert.Equal(2, await lifecycle.CancelModelRunsAsync(model));

        Assert.Equal((RunStatus.Finished, ModelStatus.Cancelled), await StatusesAsync(model, finished));
        Assert.Equal(RunStatus.Cancelled, (await StatusesAsync(model, running)).Run);
        Assert.Equal(RunStatus.Cancelled, (await StatusesAsync(model, queued)).Run);
        Assert.Equal(0, await lifecycle.CancelModelRunsAsync(model));
    }

    [Theory]
    [InlineData(RunStatus.Finished, RunStatus.Queued, false)]
    [InlineData(RunStatus.Finished, RunStatus.Failed, false)]
    [InlineData(RunStatus.Cancelled, RunStatus.Finished, false)]
    [InlineData(RunStatus.Queued, RunStatus.Finished, false)]
    [InlineData(RunStatus.Queued, RunStatus.Running, true)]
    [InlineData(RunStatus.Running, RunStatus.Finished, true)]
    [InlineData(RunStatus.Failed, RunStatus.Queued, true)]
    public void Transitions_AllowOnlyTheTable(string from, string to, bool allowed) =>
        Assert.Equal(allowed, RunTransitions.Allows(from, to));

    private async Task<(long Model, long Run)> NewRunAsync(long? modelId = null, string key = "blimp@1:test")
    {
        await using var db = database.CreateContext();
        if (modelId is null)
        {
            var model = new ModelEntity { Name = "m", Directory = "/nowhere", Sha256 = "a", TokenizerSha256 = "b", Kind = "causal" };
            db.Models.Add(model);
            await db.SaveChangesAsync();
            modelId = model.Id;
        }
        var run = await lifecycle.CreateAsync(new RunEntity
        {
            ModelId = modelId.Value, ScenarioId = "blimp", ScenarioVersion = 1, RunKey = key, SpecJson = "{}", SpecHash = key,
            Convention = "eot_space", Total = 1,
        });
        return (modelId.Value, run.Id);
    }

    private async Task<(string Run, string Model)> StatusesAsync(long model, long run)
    {
        await using var db = database.CreateContext();
        return ((await db.Runs.SingleAsync(r => r.Id == run)).Status, (await db.Models.SingleAsync(m => m.Id == model)).Status);
    }

    private async Task<string?> ErrorAsync(long run)
    {
        await using var db = database.CreateContext();
        return (await db.Runs.SingleAsync(r => r.Id == run)).Error;
    }
}
