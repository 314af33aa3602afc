using Eval.Core.Models;
using Eval.Core.Scenarios;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Inference.Onnx;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eval.Jobs.Tests;

/// <summary>A generation scenario through the job path: Hangfire, the real model, SQLite.</summary>
[Collection(HangfireCollection.Name)]
public sealed class GenerationRunTests
{
    [Fact]
    public async Task TruthfulQaGenRun_StoresEachCompletionAsTheResponsesContinuation()
    {
        using var data = new TempDirectory();
        using var host = RunEvaluationJobTests.BuildHost(data.Path);
        await host.StartAsync();
        try
        {
            var registrar = host.Services.GetRequiredService<ModelRegistrar>();
            var scheduler = host.Services.GetRequiredService<RunScheduler>();
            var catalog = host.Services.GetRequiredService<ScenarioCatalog>();
            var dbFactory = host.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
            var model = await registrar.RegisterAsync(Repo.ReferenceModel("gpt-nano-bpe4k"), ModelSources.Reference);

            var run = await scheduler.ScheduleAsync(model, "truthfulqa_gen", null, 2, 0);
            var finished = await RunWaiter.UntilEndedAsync(dbFactory, run.Id, TimeSpan.FromSeconds(120), "the run finishing");

            Assert.Equal(RunStatus.Finished, finished.Status);
            Assert.Equal("greedy", finished.Convention);
            await using var read = await dbFactory.CreateDbContextAsync();
            var responses = await read.Responses.AsNoTracking().Where(r => r.RunId == run.Id).OrderBy(r => r.InstanceId).ToListAsync();
            Assert.Equal(2, responses.Count);

            // The stored continuation is the model's own greedy completion of the stored prompt, with its token count.
            using var direct = OnnxLanguageModel.Load(Repo.ReferenceModel("gpt-nano-bpe4k"), new InferenceOptions { Device = InferenceOptions.Cpu });
            var instances = InstanceSampler.Sample(catalog.Instances("truthfulqa_gen"), 2, 0).OrderBy(i => i.Id, StringComparer.Ordinal).ToList();
            var expected = await direct.GenerateAsync(instances.Select(i => new GenerationRequest(i.Input, 256, ["\n\n", "Q:"])).ToList());
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(instances[i].Input, responses[i].Prompt);
                Assert.Equal(expected[i].Text, responses[i].Continuation);
                Assert.Equal(expected[i].TokenIds.Count, responses[i].TokenCount);
                Assert.Equal(expected[i].TokenLogProbs.Sum(p => (double)p), responses[i].LogProb, 3);
                Assert.True(responses[i].IsGreedy);
            }
            var stats = await read.InstanceStats.AsNoTracking().Where(s => s.RunId == run.Id).ToListAsync();
            Assert.Equal(2, stats.Count(s => s.Metric == "bleu_acc"));
            Assert.Equal(expected.Count(e => e.FinishReason == FinishReason.Length),
                stats.Where(s => s.Metric == "max_tokens_reached").Sum(s => s.Value));
            Assert.Contains(await read.RunStats.AsNoTracking().Where(s => s.RunId == run.Id && s.Level == "overall").Select(s => s.Metric).ToListAsync(),
                m => m == "rouge_l_diff");
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
