using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.TestKit;
using Eval.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Eval.E2E.Tests;

public sealed class LeaderboardBrowserTests(ITestOutputHelper output, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Leaderboard_ShowsTheReferenceModels_SortsAndLinksToTheModelPage()
    {
        using var factory = new EvalWebFactory();
        var address = factory.StartRealServer();
        await RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");
        await RunSmallBlimpAsync(factory, "gpt-mini-bpe8k");

        // Closed before the server stops: an open Blazor circuit would hold Kestrel's shutdown for its whole timeout.
        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 800 } });
        var page = await context.NewPageAsync();
        var leaderboard = new LeaderboardPageObject(page);
        await leaderboard.OpenAsync(address);

        var order = await leaderboard.ModelOrderAsync();
        Assert.Equal(Repo.AllReferenceModels.Order(StringComparer.Ordinal), order.Order(StringComparer.Ordinal));
        Assert.Matches(@"^0\.\d{3}s$", (await leaderboard.Cell("gpt-nano-bpe4k", "overall").InnerTextAsync()).Trim());
        Assert.Equal("–", (await leaderboard.Cell("llama-mini-bpe8k", "overall").InnerTextAsync()).Trim());
        output.WriteLine($"screenshots: {Screenshots.Directory}");
        await Screenshots.TakeAsync(page, "leaderboard");

        var byName = Repo.AllReferenceModels.OrderByDescending(n => n, StringComparer.Ordinal).ToList();
        await leaderboard.SortByAsync("model", byName);
        await leaderboard.SortByAsync("model", byName.AsEnumerable().Reverse().ToList());

        await leaderboard.OpenModelAsync("gpt-nano-bpe4k");
        await page.GetByTestId("model-name").WaitForAsync();
        Assert.Equal("gpt-nano-bpe4k", await page.GetByTestId("model-name").InnerTextAsync());
        Assert.Equal(12, await page.Locator("[data-testid=phenomena] tr").CountAsync());
        await Screenshots.TakeAsync(page, "model");

        await page.SetViewportSizeAsync(390, 844);
        await leaderboard.OpenAsync(address);
        await Screenshots.TakeAsync(page, "leaderboard-phone");
    }

    private static async Task RunSmallBlimpAsync(EvalWebFactory factory, string modelName)
    {
        var registrar = factory.Services.GetRequiredService<ModelRegistrar>();
        var scheduler = factory.Services.GetRequiredService<RunScheduler>();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        var model = await registrar.RegisterAsync(Repo.ReferenceModel(modelName), ModelSources.Reference);
        var run = await scheduler.ScheduleAsync(model, "blimp", null, 1, 0);
        var done = await Eventually.WaitForAsync(async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            return await db.Runs.AsNoTracking().SingleAsync(r => r.Id == run.Id);
        }, r => r.Status is RunStatus.Finished or RunStatus.Failed, TimeSpan.FromSeconds(90), $"{modelName}'s run finishing");
        Assert.Equal(RunStatus.Finished, done.Status);
    }
}
