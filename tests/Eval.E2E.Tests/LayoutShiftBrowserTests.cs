using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.TestKit;
using Eval.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Eval.E2E.Tests;

/// <summary>
/// No layout shift while the leaderboard fills: the browser's own layout-shift entries (PerformanceObserver, the
/// measure behind Core Web Vitals' CLS), recorded from the first paint while runs go from queued to numbers.
/// </summary>
public sealed class LayoutShiftBrowserTests(ITestOutputHelper output, Browser browser) : IClassFixture<Browser>
{
    // Records every layout shift not caused by input, from navigation on (buffered), into window.__shifts.
    private const string RecordShifts = """
        window.__shifts = [];
        new PerformanceObserver(list => {
            for (const e of list.getEntries())
                if (!e.hadRecentInput)
                    window.__shifts.push({ value: e.value, time: e.startTime,
                        nodes: (e.sources || []).map(s => s.node ? (s.node.getAttribute && (s.node.getAttribute('data-testid') || s.node.className) || s.node.nodeName) : '?') });
        }).observe({ type: 'layout-shift', buffered: true });
        """;

    [Fact]
    public async Task Leaderboard_DoesNotShift_WhileQueuedCellsFillWithNumbers()
    {
        using var factory = new EvalWebFactory();
        var address = factory.StartRealServer();
        var registrar = factory.Services.GetRequiredService<ModelRegistrar>();
        var scheduler = factory.Services.GetRequiredService<RunScheduler>();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        var runs = new List<RunEntity>();
        // The one worker takes runs in order: byte-gpt-mini's longer run goes first, so the two measured rows are still
        // queued when the page opens however fast the machine (on a quiet one 20-pair runs ended before the first paint).
        foreach (var (name, sample) in new[] { ("byte-gpt-mini", 100), ("gpt-nano-bpe4k", 20), ("gpt-mini-bpe8k", 20) })
            runs.Add(await scheduler.ScheduleAsync(await registrar.RegisterAsync(Repo.ReferenceModel(name), ModelSources.Reference), "blimp", null, sample, 0));

        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        await page.AddInitScriptAsync(RecordShifts);
        await new LeaderboardPageObject(page).OpenAsync(address);
        var pendingAtStart = await page.Locator("[data-testid=leaderboard-row] td[data-pending]").CountAsync();

        foreach (var run in runs)
            Assert.Equal(RunStatus.Finished, (await RunWaiter.UntilEndedAsync(dbFactory, run.Id, TimeSpan.FromSeconds(180), "the BLiMP run finishing")).Status);
        // The page re-reads every two seconds: wait for both rows' numbers, then one more refresh.
        foreach (var name in new[] { "gpt-nano-bpe4k", "gpt-mini-bpe8k" })
            await Assertions.Expect(page.Locator($"[data-testid=leaderboard-row][data-model='{name}'] [data-testid=cell-overall] a"))
                .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^0\.\d{3}$"), new() { Timeout = 20000 });
        await Task.Delay(2500);

        var shifts = System.Text.Json.JsonSerializer.Deserialize<Shift[]>(await page.EvaluateAsync<string>("() => JSON.stringify(window.__shifts)"),
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        var total = shifts.Sum(s => s.Value);
        output.WriteLine($"cells pending at first paint: {pendingAtStart}; layout shifts: {shifts.Length}, cumulative {total:0.0000}");
        foreach (var s in shifts)
            output.WriteLine($"  {s.Time:0} ms: {s.Value:0.0000} ({string.Join(", ", s.Nodes)})");
        Assert.True(pendingAtStart > 0, "no cell was waiting when the page opened: nothing filled while it was measured");
        Assert.True(total < 0.1, $"cumulative layout shift {total:0.0000} while the cells filled (Core Web Vitals' 'good' is below 0.1)");
    }

    private sealed record Shift(double Value, double Time, string[] Nodes);
}
