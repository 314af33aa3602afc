using Microsoft.Playwright;

namespace Eval.E2E.Tests;

/// <summary>The leaderboard as a user sees it; waits for the Blazor circuit before clicking (clicks before it are lost).</summary>
public sealed class LeaderboardPageObject(IPage page)
{
    public async Task OpenAsync(Uri address)
    {
        await page.GotoAsync(address.ToString());
        await page.Locator("[data-testid=circuit][data-connected=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.GetByTestId("leaderboard").WaitForAsync();
    }

    public async Task<IReadOnlyList<string>> ModelOrderAsync()
    {
        var rows = page.GetByTestId("leaderboard-row");
        var names = new List<string>();
        for (var i = 0; i < await rows.CountAsync(); i++)
            names.Add((await rows.Nth(i).GetAttributeAsync("data-model"))!);
        return names;
    }

    public ILocator Cell(string model, string column) =>
        page.Locator($"[data-testid=leaderboard-row][data-model='{model}'] [data-testid=cell-{column}]");

    public async Task SortByAsync(string column, IReadOnlyList<string> expectedOrder)
    {
        // A click can land before the handler is attached; retry until the order changes as expected.
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await page.GetByTestId($"sort-{column}").ClickAsync();
            for (var wait = 0; wait < 10; wait++)
            {
                if ((await ModelOrderAsync()).SequenceEqual(expectedOrder))
                    return;
                await Task.Delay(100);
            }
        }
        Assert.Equal(expectedOrder, await ModelOrderAsync());
    }

    public Task OpenModelAsync(string model) =>
        page.Locator($"[data-testid=leaderboard-row][data-model='{model}'] th a").ClickAsync();
}
