using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.TestKit;
using Eval.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Eval.E2E.Tests;

/// <summary>The model page's "full BLiMP" button queues the planner's run: the model's own convention, every instance.</summary>
public sealed class ModelPageBrowserTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task FullBlimpButton_QueuesThePlannersRun_PllForAMaskedLm_AndThenIsGone()
    {
        // No worker: the queued run is what is checked, not its 67,000 pairs.
        using var factory = new EvalWebFactory(new Dictionary<string, string?> { ["Eval:Worker:InProcess"] = "false" });
        var address = factory.StartRealServer();
        var model = await factory.Services.GetRequiredService<ModelRegistrar>().RegisterAsync(Repo.ReferenceModel(Repo.ReferenceEncoder), ModelSources.Reference);

        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(address, $"/models/{model.Id}").ToString());
        await Browser.RetryAsync(async () =>
        {
            await page.GetByTestId("evaluate-full-blimp").ClickAsync(new() { Timeout = 2000 });
            await Assertions.Expect(page.GetByTestId("run-row")).ToHaveCountAsync(1, new() { Timeout = 2000 });
        });

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>().CreateDbContextAsync();
        var run = await db.Runs.SingleAsync(r => r.ModelId == model.Id);
        Assert.Equal(("blimp", "pll", (int?)null, RunStatus.Queued), (run.ScenarioId, run.Convention, run.SamplePerSubset, run.Status));
        Assert.Equal(67000, run.Total);
        await Assertions.Expect(page.GetByTestId("evaluate-full-blimp")).ToHaveCountAsync(0);
    }
}
