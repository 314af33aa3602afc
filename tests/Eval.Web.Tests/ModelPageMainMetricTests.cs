using Eval.Core.Stats;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.TestKit;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Tests;

/// <summary>
/// The model page's runs table shows each scenario's main metric, named: CrowS-Pairs' stereotype preference
/// (pct_stereotype 0.44), not whichever stat was stored first (likelihood_diff 7.373).
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class ModelPageMainMetricTests
{
    [Fact]
    public async Task RunsTable_ShowsTheScenariosMainMetric_ByName()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        var model = await factory.Services.GetRequiredService<ModelRegistrar>().RegisterAsync(Repo.ReferenceModel("gpt-nano-bpe4k"), ModelSources.Reference);
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var run = new RunEntity
            {
                ModelId = model.Id, ScenarioId = "crows_pairs", ScenarioVersion = 1, RunKey = "crows_pairs@1:test", SpecJson = "{}", SpecHash = "test",
                Convention = "eot_nospace", Status = RunStatus.Finished, Done = 9, Total = 9, Provider = "CPUExecutionProvider", FinishedAt = DateTime.UtcNow,
            };
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            // likelihood_diff first: the old page showed the first overall stat.
            db.RunStats.AddRange(Stat(run.Id, "likelihood_diff", 7.373), Stat(run.Id, "pct_stereotype", 0.44));
            await db.SaveChangesAsync();
        }

        var page = await client.GetStringAsync($"/models/{model.Id}");

        Assert.Contains("Main metric (95% CI)", page);
        Assert.DoesNotContain("Accuracy (95% CI)", page);
        var cell = page[page.IndexOf("data-testid=\"run-main-metric\"", StringComparison.Ordinal)..];
        cell = cell[..cell.IndexOf("</td>", StringComparison.Ordinal)];
        Assert.Contains("Stereotype preference", cell);
        Assert.Contains("0.440", cell);
        Assert.DoesNotContain("7.373", cell);
    }

    private static RunStatEntity Stat(long runId, string metric, double mean) => new()
    {
        RunId = runId, Metric = metric, Level = StatLevel.Overall, Key = StatLevel.Overall, Count = 9, Sum = mean * 9, Mean = mean,
        CiLow = mean, CiHigh = mean, Min = 0, Max = mean, SumSquares = mean * mean * 9,
    };
}
