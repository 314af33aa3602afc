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

        // The gpt-mini-bpe8k family shows its latest checkpoint only (the early one is a click away, FamilyBrowserTests).
        var shown = Repo.AllReferenceModels.Where(m => m != "gpt-mini-bpe8k-early").ToList();
        var order = await leaderboard.ModelOrderAsync();
        Assert.Equal(shown.Order(StringComparer.Ordinal), order.Order(StringComparer.Ordinal));
        Assert.Matches(@"^0\.\d{3}s$", (await leaderboard.Cell("gpt-nano-bpe4k", "overall").InnerTextAsync()).Trim());
        Assert.Equal("–", (await leaderboard.Cell("llama-mini-bpe8k", "overall").InnerTextAsync()).Trim());
        output.WriteLine($"screenshots: {Screenshots.Directory}");
        await Screenshots.TakeAsync(page, "leaderboard");

        var byName = shown.OrderByDescending(n => n, StringComparer.Ordinal).ToList();
        await leaderboard.SortByAsync("model", byName);
        await leaderboard.SortByAsync("model", byName.AsEnumerable().Reverse().ToList());

        await leaderboard.OpenModelAsync("gpt-nano-bpe4k");
        await page.GetByTestId("model-name").WaitForAsync();
        Assert.Equal("gpt-nano-bpe4k", await page.GetByTestId("model-name").InnerTextAsync());
        Assert.Equal(12, await page.Locator("[data-testid=phenomena] tr").CountAsync());
        // Plotly draws the bars in the browser: 12 bars of the phenomenon chart.
        await Assertions.Expect(page.Locator("[data-testid=chart-phenomena] .bars .point")).ToHaveCountAsync(12, new() { Timeout = 15000 });
        await Screenshots.TakeAsync(page, "model");

        // Follow a cell to its run, search an instance, open its deep link and download the responses.
        await leaderboard.OpenAsync(address);
        await leaderboard.Cell("gpt-nano-bpe4k", "overall").Locator("a").ClickAsync();
        await page.GetByTestId("run-title").WaitForAsync();
        await page.GetByTestId("instance-count").WaitForAsync();
        Assert.StartsWith("67 instances", await page.GetByTestId("instance-count").InnerTextAsync());
        await Screenshots.TakeAsync(page, "run");
        await Browser.RetryAsync(async () =>
        {
            await page.GetByTestId("instance-search").FillAsync("adjunct_island");
            await page.GetByTestId("instance-apply").ClickAsync();
            await Assertions.Expect(page.GetByTestId("instance-count")).ToHaveTextAsync("1 instances, page 1 of 1", new() { Timeout = 2000 });
        });
        await page.GetByTestId("instance-link").First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("instance=adjunct_island-"));
        await Assertions.Expect(page.GetByTestId("instance")).ToHaveCountAsync(1);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-jsonl").ClickAsync());
        var lines = File.ReadAllLines(await download.PathAsync());
        Assert.Equal(134, lines.Length);
        Assert.All(lines, l => Assert.Contains("\"continuation\"", l));

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
        var done = await RunWaiter.UntilEndedAsync(dbFactory, run.Id, TimeSpan.FromSeconds(90), $"{modelName}'s run finishing");
        Assert.Equal(RunStatus.Finished, done.Status);
    }
}
