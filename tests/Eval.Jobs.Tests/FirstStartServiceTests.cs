using Eval.Data;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eval.Jobs.Tests;

[Collection(HangfireCollection.Name)]
public sealed class FirstStartServiceTests
{
    [Fact]
    public async Task FirstStart_QueuesEveryScenarioForDecoders_AndOnlySentenceScoringOnesForTheEncoder()
    {
        using var data = new TempDirectory();
        using var host = RunEvaluationJobTests.BuildHost(data.Path, new Dictionary<string, string?>
        {
            ["Eval:FirstStart:RegisterReferenceModels"] = "true",
            ["Eval:FirstStart:EvaluateReferenceModels"] = "true",
            ["Eval:Suites:Quick:MaxInstancesPerSubset"] = "2",
            ["Eval:Suites:Quick:MaskedMaxInstancesPerSubset"] = "1",
            ["Eval:Suites:Quick:GenerationMaxInstancesPerSubset"] = "1",
            // Nothing needs to run here: only what the start queues is checked.
            ["Eval:Worker:InProcess"] = "false",
        });
        await host.StartAsync();
        try
        {
            await using var db = await host.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>().CreateDbContextAsync();
            var runs = await db.Runs.Include(r => r.Model).AsNoTracking().ToListAsync();
            var scenarios = host.Services.GetRequiredService<Eval.Core.Scenarios.ScenarioCatalog>().All.Count;

            foreach (var decoder in Repo.ReferenceModels)
                Assert.Equal(scenarios, runs.Count(r => r.Model!.Name == decoder));
            var encoder = runs.Where(r => r.Model!.Name == Repo.ReferenceEncoder).OrderBy(r => r.ScenarioId).ToList();
            Assert.Equal([("blimp", "pll"), ("crows_pairs", "pll")], encoder.Select(r => (r.ScenarioId, r.Convention)));
            // Generation is capped lower than the likelihood scenarios' sample.
            Assert.All(runs.Where(r => r.Model!.Name != Repo.ReferenceEncoder),
                r => Assert.Equal(r.ScenarioId == "truthfulqa_gen" ? 1 : 2, r.SamplePerSubset));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
