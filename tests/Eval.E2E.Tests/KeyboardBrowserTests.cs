using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.TestKit;
using Eval.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Eval.E2E.Tests;

/// <summary>
/// The leaderboard without a mouse: the group tabs as WAI-ARIA tabs (Left/Right/Home/End move, Enter/Space open) and
/// the sortable headers reached by Tab and operated by Enter and Space.
/// </summary>
public sealed class KeyboardBrowserTests(Browser browser) : IClassFixture<Browser>
{
    private static Task<string?> FocusedAsync(IPage page) => page.EvaluateAsync<string?>("() => document.activeElement && document.activeElement.getAttribute('data-testid')");

    [Fact]
    public async Task GroupTabs_ArrowHomeEndMoveTheFocus_EnterAndSpaceOpenTheGroup()
    {
        using var factory = new EvalWebFactory();
        var address = factory.StartRealServer();
        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        await new LeaderboardPageObject(page).OpenAsync(new Uri(address, "/leaderboard/blimp"));

        await page.GetByTestId("tab-blimp").FocusAsync();
        var visited = new List<string?>();
        foreach (var key in new[] { "ArrowRight", "ArrowRight", "End", "Home", "ArrowLeft", "ArrowLeft" })
        {
            await page.Keyboard.PressAsync(key);
            visited.Add(await FocusedAsync(page));
        }

        // Groups in order: blimp, efficiency, fairness, hallucination, summary; Left from the first wraps to the last.
        Assert.Equal(["tab-efficiency", "tab-fairness", "tab-summary", "tab-blimp", "tab-summary", "tab-hallucination"], visited);
        // One tab in the Tab order at a time (roving tabindex): the focused one.
        Assert.Equal(["0"], await page.Locator("[role=tab][tabindex='0']").EvaluateAllAsync<string[]>("els => els.map(e => e.getAttribute('tabindex'))"));
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/leaderboard/hallucination$"));
        await Assertions.Expect(page.GetByTestId("tab-hallucination")).ToHaveAttributeAsync("aria-selected", "true");

        await page.GetByTestId("tab-hallucination").FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal("tab-fairness", await FocusedAsync(page));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/leaderboard/fairness$"));
        await Assertions.Expect(page.GetByTestId("tab-fairness")).ToHaveAttributeAsync("aria-selected", "true");
    }

    [Fact]
    public async Task SortHeaders_AreReachedByTab_AndSortOnEnterAndSpace()
    {
        using var factory = new EvalWebFactory();
        var address = factory.StartRealServer();
        await RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");
        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        var leaderboard = new LeaderboardPageObject(page);
        await leaderboard.OpenAsync(address);
        var names = (await leaderboard.ModelOrderAsync()).Order(StringComparer.Ordinal).ToList();

        // The last filter, then Tab: the first header's sort button, then the next column's.
        await page.GetByTestId("filter-checkpoints").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("sort-model", await FocusedAsync(page));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-testid=leaderboard-row]").First).ToHaveAttributeAsync("data-model", names[0]);
        Assert.Equal(names, await leaderboard.ModelOrderAsync());
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("[data-testid=leaderboard-row]").First).ToHaveAttributeAsync("data-model", names[^1]);

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("sort-overall", await FocusedAsync(page));
        var header = page.Locator("th:has([data-testid=sort-overall])");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "descending");
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(header).ToHaveAttributeAsync("aria-sort", "ascending");
    }

    private static async Task RunSmallBlimpAsync(EvalWebFactory factory, string modelName)
    {
        var model = await factory.Services.GetRequiredService<ModelRegistrar>().RegisterAsync(Repo.ReferenceModel(modelName), ModelSources.Reference);
        var run = await factory.Services.GetRequiredService<RunScheduler>().ScheduleAsync(model, "blimp", null, 1, 0);
        var done = await RunWaiter.UntilEndedAsync(factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>(), run.Id, TimeSpan.FromSeconds(120),
            $"{modelName}'s run finishing");
        Assert.Equal(RunStatus.Finished, done.Status);
    }
}
