using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.TestKit;
using Eval.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Eval.E2E.Tests;

/// <summary>
/// The first family in the browser: the leaderboard shows gpt-mini-bpe8k (the latest checkpoint) with its family tag,
/// the early checkpoint one tick away; the family page lists both checkpoints and Plotly draws the curves and bands.
/// </summary>
public sealed class FamilyBrowserTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Leaderboard_ShowsTheLatestCheckpoint_AndTheFamilyPageDrawsTheLearningCurves()
    {
        using var factory = new EvalWebFactory();
        var address = factory.StartRealServer();
        await RunSmallBlimpAsync(factory, "gpt-mini-bpe8k-early");
        await RunSmallBlimpAsync(factory, "gpt-mini-bpe8k");

        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 800 } });
        var page = await context.NewPageAsync();
        var leaderboard = new LeaderboardPageObject(page);
        await leaderboard.OpenAsync(address);

        Assert.DoesNotContain("gpt-mini-bpe8k-early", await leaderboard.ModelOrderAsync());
        await Browser.RetryAsync(async () =>
        {
            await page.GetByTestId("filter-checkpoints").CheckAsync();
            await Assertions.Expect(page.Locator("[data-testid=leaderboard-row][data-model='gpt-mini-bpe8k-early']")).ToHaveCountAsync(1, new() { Timeout = 2000 });
        });

        await page.Locator("[data-testid=leaderboard-row][data-model='gpt-mini-bpe8k'] [data-testid=family-link]").ClickAsync();
        await page.GetByTestId("family-name").WaitForAsync();
        Assert.Equal("gpt-mini-bpe8k", await page.GetByTestId("family-name").InnerTextAsync());
        Assert.Equal(["gpt-mini-bpe8k-early", "gpt-mini-bpe8k"],
            await page.GetByTestId("checkpoint-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.model)"));
        Assert.Equal(13, await page.GetByTestId("learned-row").CountAsync());
        // Plotly draws the overall curve: its band (a filled path) and its line through the two checkpoints.
        await Assertions.Expect(page.Locator("[data-testid=chart-group-blimp] .scatterlayer .trace")).ToHaveCountAsync(2, new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("[data-testid=chart-group-blimp] .scatterlayer .trace:nth-child(2) .point")).ToHaveCountAsync(2, new() { Timeout = 15000 });
        await Assertions.Expect(page.Locator("[data-testid^=chart-phenomenon-] .main-svg").First).ToBeAttachedAsync(new() { Timeout = 15000 });
        await Screenshots.TakeAsync(page, "family");

        await page.GotoAsync(new Uri(address, "/families").ToString());
        await Assertions.Expect(page.Locator("[data-testid=chart-families-tokens] .scatterlayer .trace")).ToHaveCountAsync(2, new() { Timeout = 15000 });
        Assert.Equal(1, await page.GetByTestId("family-row").CountAsync());
    }

    private static async Task RunSmallBlimpAsync(EvalWebFactory factory, string modelName)
    {
        var registrar = factory.Services.GetRequiredService<ModelRegistrar>();
        var scheduler = factory.Services.GetRequiredService<RunScheduler>();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        var model = await registrar.RegisterAsync(Repo.ReferenceModel(modelName), ModelSources.Reference);
        var run = await scheduler.ScheduleAsync(model, "blimp", null, 1, 0);
        var done = await RunWaiter.UntilEndedAsync(dbFactory, run.Id, TimeSpan.FromSeconds(90), $"{modelName}'s run finishing");
        Assert.Equal(RunStatus.Finished, done.Status);
    }
}
