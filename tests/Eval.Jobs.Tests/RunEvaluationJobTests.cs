using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Inference.Onnx;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eval.Jobs.Tests;

[Collection(HangfireCollection.Name)]
public sealed class RunEvaluationJobTests
{
    [Fact]
    public async Task ScheduledRun_IsExecutedByTheHangfireServer_AndStoresResponsesAndStats()
    {
        using var data = new TempDirectory();
        using var host = BuildHost(data.Path);
        await host.StartAsync();
        try
        {
            var registrar = host.Services.GetRequiredService<ModelRegistrar>();
            var scheduler = host.Services.GetRequiredService<RunScheduler>();
            var dbFactory = host.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
            var model = await registrar.RegisterAsync(Repo.ReferenceModel("gpt-nano-bpe4k"), ModelSources.Reference);

            var run = await scheduler.ScheduleAsync(model, "blimp", null, 2, 0);
            var finished = await RunWaiter.UntilEndedAsync(dbFactory, run.Id, TimeSpan.FromSeconds(90), "the run finishing");

            Assert.Equal(RunStatus.Finished, finished.Status);
            Assert.Null(finished.Error);
            Assert.Equal(134, finished.Total);
            Assert.Equal(134, finished.Done);
            Assert.Equal("CPUExecutionProvider", finished.Provider);
            await using var read = await dbFactory.CreateDbContextAsync();
            Assert.Equal(268, await read.Responses.CountAsync(r => r.RunId == run.Id));
            var overall = await read.RunStats.SingleAsync(s => s.RunId == run.Id && s.Level == "overall");
            Assert.Equal(134, overall.Count);
            Assert.Equal(12, await read.RunStats.CountAsync(s => s.RunId == run.Id && s.Level == "subset_group"));
            Assert.Equal(67, await read.RunStats.CountAsync(s => s.RunId == run.Id && s.Level == "subset"));

            // The stored result is the scorer's: the same sample scored directly gives the same number correct.
            Assert.Equal(await CorrectDirectlyAsync(host.Services.GetRequiredService<ScenarioCatalog>()), overall.Sum);

            // Scheduling the same run again finds it and queues nothing new.
            var again = await scheduler.ScheduleAsync(model, "blimp", null, 2, 0);
            Assert.Equal(run.Id, again.Id);
            Assert.Equal(1, await read.Runs.CountAsync());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<double> CorrectDirectlyAsync(ScenarioCatalog catalog)
    {
        using var model = OnnxLanguageModel.Load(Repo.ReferenceModel("gpt-nano-bpe4k"), new InferenceOptions { Device = InferenceOptions.Cpu });
        var instances = InstanceSampler.Sample(catalog.Instances("blimp"), 2, 0);
        var correct = 0.0;
        await new EvalRunner().RunAsync(model, catalog.Get("blimp"), instances, "eot_space",
            (chunk, _) => { correct += chunk.Sum(r => r.Stats["accuracy"]); return Task.CompletedTask; });
        return correct;
    }

    internal static IHost BuildHost(string dataDirectory, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Eval:DataDirectory"] = dataDirectory,
            ["Eval:FirstStart:RegisterReferenceModels"] = "false",
            ["Eval:FirstStart:EvaluateReferenceModels"] = "false",
            ["Eval:Inference:Device"] = "cpu",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[key] = value;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEvalPlatform(builder.Configuration, AppContext.BaseDirectory);
        return builder.Build();
    }
}
