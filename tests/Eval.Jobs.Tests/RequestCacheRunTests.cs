using Eval.Data;
using Eval.Data.Entities;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eval.Jobs.Tests;

/// <summary>
/// Runs through the real Hangfire host use the database's request cache: evaluating the same model bytes again,
/// after a restart, deleting the model and registering it anew, computes nothing and stores the same responses.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class RequestCacheRunTests
{
    [Fact]
    public async Task SecondEvaluationOfTheSameModel_AfterARestart_IsAnsweredWholeFromTheCache()
    {
        using var data = new TempDirectory();
        RunEntity first;
        List<ResponseEntity> firstResponses;
        using (var host = RunEvaluationJobTests.BuildHost(data.Path))
        {
            await host.StartAsync();
            try
            {
                (first, firstResponses) = await EvaluateAsync(host);
            }
            finally
            {
                await host.StopAsync();
            }
        }

        // Every request of the first run reached the model, each distinct one once.
        var distinct = firstResponses.Select(r => (r.Prompt, r.Continuation)).Distinct().Count();
        Assert.Equal(268, firstResponses.Count);
        Assert.Equal((0, distinct), (first.CacheHits, first.CacheMisses));

        using (var host = RunEvaluationJobTests.BuildHost(data.Path))
        {
            await host.StartAsync();
            try
            {
                Assert.Equal(ControlOutcome.Done, (await host.Services.GetRequiredService<RunControl>().DeleteModelAsync(first.ModelId)).Outcome);
                var (second, secondResponses) = await EvaluateAsync(host);

                Assert.NotEqual(first.Id, second.Id);
                Assert.Equal(RunStatus.Finished, second.Status);
                Assert.Equal((268, 0), (second.CacheHits, second.CacheMisses));
                Assert.Equal(
                    firstResponses.Select(r => (r.InstanceId, r.RequestIndex, r.LogProb, r.TokenCount, r.IsGreedy)),
                    secondResponses.Select(r => (r.InstanceId, r.RequestIndex, r.LogProb, r.TokenCount, r.IsGreedy)));
            }
            finally
            {
                await host.StopAsync();
            }
        }
    }

    [Fact]
    public async Task RequestCacheOff_RunsComputeEverything_AndCountNothing()
    {
        using var data = new TempDirectory();
        using var host = RunEvaluationJobTests.BuildHost(data.Path, new Dictionary<string, string?> { ["Eval:Inference:RequestCache"] = "false" });
        await host.StartAsync();
        try
        {
            var (run, responses) = await EvaluateAsync(host);

            Assert.Equal(268, responses.Count);
            Assert.Equal((0, 0), (run.CacheHits, run.CacheMisses));
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>().CreateDbContextAsync();
            Assert.Equal(0, await db.RequestCache.CountAsync());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<(RunEntity Run, List<ResponseEntity> Responses)> EvaluateAsync(IHost host)
    {
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        var model = await host.Services.GetRequiredService<ModelRegistrar>().RegisterAsync(Repo.ReferenceModel("gpt-nano-bpe4k"), ModelSources.Reference);
        var scheduled = await host.Services.GetRequiredService<RunScheduler>().ScheduleAsync(model, "blimp", null, 2, 0);
        var run = await RunWaiter.UntilEndedAsync(dbFactory, scheduled.Id, TimeSpan.FromSeconds(90), "the run finishing");
        Assert.Null(run.Error);
        await using var read = await dbFactory.CreateDbContextAsync();
        var responses = await read.Responses.AsNoTracking().Where(r => r.RunId == run.Id)
            .OrderBy(r => r.InstanceId).ThenBy(r => r.RequestIndex).ToListAsync();
        return (run, responses);
    }
}
