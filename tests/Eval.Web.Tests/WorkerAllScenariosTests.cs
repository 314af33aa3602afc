using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Inference.Onnx;
using Eval.Jobs;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace Eval.Web.Tests;

/// <summary>
/// Every shipped scenario on every reference model through the web host's worker, with the shipped appsettings.json
/// (its Inference:MaxBatchTokens, larger than the CLI's automatic budget, batches long prompts together): no run fails.
/// HaluEval QA's knowledge passages failed here with positions past the context (/wpe/Gather idx=512) while the CLI
/// on the same sample succeeded.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class WorkerAllScenariosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryScenario_OnEveryReferenceModel_FinishesOnTheWorker()
    {
        using var factory = new EvalWebFactory();
        factory.StartRealServer();
        // The shipped setting is what the test is about: it must reach the worker unchanged.
        Assert.Equal(4096, factory.Services.GetRequiredService<IOptions<InferenceOptions>>().Value.MaxBatchTokens);
        var registrar = factory.Services.GetRequiredService<ModelRegistrar>();
        var scheduler = factory.Services.GetRequiredService<RunScheduler>();
        var catalog = factory.Services.GetRequiredService<ScenarioCatalog>();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();

        var runs = new List<(string Model, string Scenario, long Id)>();
        foreach (var name in Repo.AllReferenceModels.Order(StringComparer.Ordinal))
        {
            var model = await registrar.RegisterAsync(Repo.ReferenceModel(name), ModelSources.Reference);
            foreach (var scenario in catalog.All.OrderBy(s => s.Id, StringComparer.Ordinal))
            {
                // A masked LM has no conditional continuation: only minimal-pair scenarios apply to it.
                if (name == Repo.ReferenceEncoder && scenario.Adapter != KnownAdapters.MinimalPair)
                    continue;
                // One per subset; HaluEval QA's two (knowledge passages of different lengths sharing a batch) failed before.
                var run = await scheduler.ScheduleAsync(model, scenario.Id, null, scenario.Id == "halueval_qa" ? 2 : 1, 0);
                runs.Add((name, scenario.Id, run.Id));
            }
        }

        var failures = new List<string>();
        foreach (var (model, scenario, id) in runs)
        {
            var ended = await RunWaiter.UntilEndedAsync(dbFactory, id, TimeSpan.FromMinutes(5), $"{model} on {scenario}");
            output.WriteLine($"{model} on {scenario}: {ended.Status}, {ended.Done} instances, {ended.ElapsedSeconds:0.0} s");
            if (ended.Status != RunStatus.Finished)
                failures.Add($"{model} on {scenario}: {ended.Status} {ended.Error}");
        }

        Assert.Empty(failures);
        Assert.Equal(Repo.AllReferenceModels.Count - 1, runs.Count(r => r.Scenario == "halueval_qa"));
    }
}
