using Eval.Data;
using Eval.Data.Entities;
using Eval.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Eval.Jobs.Tests;

[Collection(HangfireCollection.Name)]
public sealed class SuiteSchedulerTests
{
    [Fact]
    public async Task UploadedModelsSuite_IsQueuedInTheQuickSuitesOrder_BlimpFirst_LikeTheReferenceModels()
    {
        using var data = new TempDirectory();
        using var host = RunEvaluationJobTests.BuildHost(data.Path, new Dictionary<string, string?>
        {
            ["Eval:Suites:Quick:MaxInstancesPerSubset"] = "1",
            // Only the order of what is queued is checked: nothing needs to run.
            ["Eval:Worker:InProcess"] = "false",
        });
        await host.StartAsync();
        try
        {
            var model = await host.Services.GetRequiredService<ModelRegistrar>().RegisterAsync(Repo.ReferenceModel("gpt-nano-bpe4k"), ModelSources.Upload);
            var suites = host.Services.GetRequiredService<SuiteScheduler>();

            var runs = await suites.ScheduleAsync(model, Uploads.SuiteNames.Quick, suites.Groups);

            // The first start's order (blimp, truthfulqa_mc, halueval_qa, ...); a scenario outside that list would come after it.
            Assert.Equal("blimp", runs[0].ScenarioId);
            Assert.Equal(Options.QuickSuiteOptions.DefaultScenarios, runs.Select(r => r.ScenarioId).Take(Options.QuickSuiteOptions.DefaultScenarios.Length));
            // Queued (and so picked up by the worker) in that order.
            Assert.Equal(runs.Select(r => r.Id).Order(), runs.Select(r => r.Id));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
