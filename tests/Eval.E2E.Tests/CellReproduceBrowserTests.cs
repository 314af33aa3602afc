using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.TestKit;
using Eval.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Eval.E2E.Tests;

/// <summary>
/// A leaderboard cell's reproduce control in a real browser at 1366 px: hidden until the cell is hovered, it queues a
/// reproduction from the server's own machine without a key, says "queued" beside the cell without widening the table,
/// and its link opens the run page, where the reproduction is listed.
/// </summary>
public sealed class CellReproduceBrowserTests(Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task HoveredCell_QueuesAReproduction_SaysQueued_AndLinksToTheRunPage()
    {
        using var factory = new EvalWebFactory();
        var address = factory.StartRealServer();
        var registrar = factory.Services.GetRequiredService<ModelRegistrar>();
        var scheduler = factory.Services.GetRequiredService<RunScheduler>();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        var model = await registrar.RegisterAsync(Repo.ReferenceModel("gpt-nano-bpe4k"), ModelSources.Reference);
        var run = await RunWaiter.UntilEndedAsync(dbFactory, (await scheduler.ScheduleAsync(model, "blimp", null, 1, 0)).Id,
            TimeSpan.FromSeconds(90), "gpt-nano-bpe4k's run finishing");
        Assert.Equal(RunStatus.Finished, run.Status);

        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 800 } });
        var page = await context.NewPageAsync();
        var leaderboard = new LeaderboardPageObject(page);
        await leaderboard.OpenAsync(address);
        var cell = leaderboard.Cell("gpt-nano-bpe4k", "overall");
        var control = cell.GetByTestId("reproduce-cell");
        Assert.Equal("0", await control.EvaluateAsync<string>("b => getComputedStyle(b).opacity"));

        await cell.HoverAsync();
        await Assertions.Expect(control).ToHaveCSSAsync("opacity", "1");
        // A click can land before the handler is attached; the control says when it took (aria-expanded).
        for (var attempt = 0; attempt < 10 && await control.GetAttributeAsync("aria-expanded") != "true"; attempt++)
        {
            await control.ClickAsync();
            await Task.Delay(300);
        }
        await Assertions.Expect(cell.GetByTestId("reproduce-queued")).ToHaveTextAsync("queued", new() { Timeout = 15000 });
        await Screenshots.TakeAsync(page, "leaderboard-cell-reproduce");
        // The open panel widens neither the table's box nor the page.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => { const s = document.querySelector('[data-testid=leaderboard]').parentElement; return s.scrollWidth - s.clientWidth; }"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));

        await cell.GetByTestId("reproduce-run-link").ClickAsync();
        await page.GetByTestId("run-title").WaitForAsync();
        Assert.EndsWith($"/runs/{run.Id}", page.Url);
        await Assertions.Expect(page.GetByTestId("reproduction")).ToHaveCountAsync(1);
        await using var db = await dbFactory.CreateDbContextAsync();
        Assert.Equal(1, await db.Reproductions.CountAsync(r => r.RunId == run.Id));
    }
}
