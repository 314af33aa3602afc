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
/// Every page at laptop (1366x768) and phone (390x844) widths, screenshots kept for a person to look at; the filtered
/// leaderboard download, the run page's reliability diagram and the compare view on a multiple-choice scenario.
/// </summary>
public sealed class PagesBrowserTests(ITestOutputHelper output, Browser browser) : IClassFixture<Browser>
{
    private static readonly (string Name, int Width, int Height)[] Sizes = [("laptop", 1366, 768), ("phone", 390, 844)];

    [Fact]
    public async Task EveryPage_AtLaptopAndPhoneWidths_FilteredDownload_Calibration_AndCompareOnTruthfulQa()
    {
        using var factory = new EvalWebFactory();
        var address = factory.StartRealServer();
        var nanoBlimp = await RunAsync(factory, "gpt-nano-bpe4k", "blimp", 1);
        await RunAsync(factory, "gpt-mini-bpe8k", "blimp", 1);
        var nanoTqa = await RunAsync(factory, "gpt-nano-bpe4k", "truthfulqa_mc", 30);
        var miniTqa = await RunAsync(factory, "gpt-mini-bpe8k", "truthfulqa_mc", 30);
        output.WriteLine($"screenshots: {Screenshots.Directory}");
        Console.WriteLine($"screenshots: {Screenshots.Directory}");

        await using var context = await browser.Instance.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();

        // The leaderboard narrowed to one model: the CSV download holds that row only.
        await OpenAsync(page, address, "/");
        await page.GetByTestId("leaderboard").WaitForAsync();
        await Browser.RetryAsync(async () =>
        {
            await page.GetByTestId("filter-name").FillAsync("nano");
            await Assertions.Expect(page.GetByTestId("leaderboard-row")).ToHaveCountAsync(1, new() { Timeout = 2000 });
            await Assertions.Expect(page.GetByTestId("download-csv")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("name=nano"), new() { Timeout = 2000 });
        });
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-csv").ClickAsync());
        var lines = File.ReadAllLines(await download.PathAsync());
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("model,model_id,overall,", lines[0]);
        Assert.StartsWith("gpt-nano-bpe4k,", lines[1]);

        // The run page of a TruthfulQA run: Plotly draws the reliability diagram's bins.
        await OpenAsync(page, address, $"/runs/{nanoTqa.Id}");
        await page.GetByTestId("reliability").WaitForAsync();
        var bins = await page.GetByTestId("reliability-bin").CountAsync();
        Assert.InRange(bins, 2, 10);
        await Assertions.Expect(page.Locator("[data-testid=chart-reliability] .scatterlayer .trace:nth-child(2) .point")).ToHaveCountAsync(bins, new() { Timeout = 15000 });

        // Compare on TruthfulQA, chosen in the form; the address then links to the view.
        await OpenAsync(page, address, "/compare");
        await Browser.RetryAsync(async () =>
        {
            await page.GetByTestId("compare-scenario").SelectOptionAsync("truthfulqa_mc");
            await page.GetByTestId("compare-a").SelectOptionAsync(nanoTqa.Id.ToString(), new() { Timeout = 2000 });
            await page.GetByTestId("compare-b").SelectOptionAsync(miniTqa.Id.ToString(), new() { Timeout = 2000 });
        });
        await page.GetByTestId("compare-disagree").CheckAsync();
        await page.GetByTestId("compare-show").ClickAsync();
        // Blazor changes the address in place (history.pushState): no load event to wait for, so poll the URL.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(
            System.Text.RegularExpressions.Regex.Escape($"/compare?scenario=truthfulqa_mc&a={nanoTqa.Id}&b={miniTqa.Id}&disagree=true") + "$"));
        await page.GetByTestId("compare-summary").WaitForAsync();
        Assert.StartsWith($"{nanoTqa.Done} shared instances", (await page.GetByTestId("compare-summary").InnerTextAsync()).Trim());
        Assert.Equal(await page.Locator("[data-testid=compare-row].disagree").CountAsync(), await page.GetByTestId("compare-row").CountAsync());
        var compareLink = new Uri(page.Url).PathAndQuery;

        // Gold and the model's pick marked on a BLiMP and a TruthfulQA run; the instance counts right exactly when its pick is gold.
        foreach (var run in new[] { nanoBlimp, nanoTqa })
        {
            await OpenAsync(page, address, $"/runs/{run.Id}");
            foreach (var instance in (await page.GetByTestId("instance").AllAsync()).Take(5))
            {
                var right = (await instance.GetAttributeAsync("class"))!.Split(' ').Contains("right");
                var chosen = instance.Locator("[data-testid=answer-option][data-chosen=true]");
                await Assertions.Expect(chosen).ToHaveCountAsync(1);
                await Assertions.Expect(chosen).ToHaveAttributeAsync("data-gold", right ? "true" : "false");
                await Assertions.Expect(chosen.GetByTestId("mark-chosen")).ToBeVisibleAsync();
                Assert.True(await instance.Locator("[data-testid=answer-option][data-gold=true] [data-testid=mark-gold]").CountAsync() >= 1);
            }
        }

        // The run page's filters live in the address: a link opens them, applying one writes it back.
        await OpenAsync(page, address, $"/runs/{nanoBlimp.Id}?outcome=wrong");
        await page.GetByTestId("instance").First.WaitForAsync();
        Assert.Equal(await page.Locator("[data-testid=instance].wrong").CountAsync(), await page.GetByTestId("instance").CountAsync());
        await Browser.RetryAsync(async () =>
        {
            await page.GetByTestId("instance-subset").SelectOptionAsync("adjunct_island");
            await page.GetByTestId("instance-apply").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/runs/" + nanoBlimp.Id + "\\?subset=adjunct_island&outcome=wrong$"),
                new() { Timeout = 2000 });
        });

        var pages = new (string Name, string Path, string Ready)[]
        {
            ("leaderboard", "/", "leaderboard"),
            ("leaderboard-hallucination", "/leaderboard/hallucination", "leaderboard"),
            ("leaderboard-fairness", "/leaderboard/fairness", "leaderboard"),
            ("leaderboard-efficiency", "/leaderboard/efficiency", "leaderboard"),
            ("leaderboard-summary", "/leaderboard/summary", "leaderboard"),
            ("leaderboard-hallucination-all", "/leaderboard/hallucination?metrics=all", "leaderboard"),
            ("model", $"/models/{nanoTqa.ModelId}", "model-name"),
            ("run-blimp", $"/runs/{nanoBlimp.Id}", "run-title"),
            ("run-truthfulqa", $"/runs/{nanoTqa.Id}", "reliability"),
            ("compare", compareLink, "compare-table"),
            ("models", "/models", "circuit"),
            ("jobs", "/jobs", "circuit"),
            ("upload", "/upload", "circuit"),
            ("scenario-blimp", "/scenarios/blimp", "scenario-title"),
        };
        var tooWide = new List<string>();
        foreach (var (size, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            foreach (var (name, path, ready) in pages)
            {
                await OpenAsync(page, address, path);
                await page.GetByTestId(ready).First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
                // Plotly lays out after the circuit renders.
                await Task.Delay(500);
                // A run page lists its instances and is long: the window, then its calibration and first instance apart.
                var isRun = name.StartsWith("run-", StringComparison.Ordinal);
                await Screenshots.TakeAsync(page, $"{name}-{size}", fullPage: !isRun);
                if (isRun)
                {
                    await Screenshots.TakeAsync(page.GetByTestId("instance").First, $"{name}-instance-{size}");
                    if (await page.GetByTestId("reliability").CountAsync() > 0)
                        await Screenshots.TakeAsync(page.GetByTestId("reliability"), $"{name}-calibration-{size}");
                }
                // Every group tab's default view (one column per scenario; BLiMP's phenomena) fits a laptop's width
                // without scrolling its table sideways; the all-metrics view may scroll inside its box.
                if (name.StartsWith("leaderboard", StringComparison.Ordinal) && !name.EndsWith("-all", StringComparison.Ordinal) && size == "laptop")
                {
                    var tableOverflow = await page.EvaluateAsync<int>("() => { const s = document.querySelector('[data-testid=leaderboard]').parentElement; return s.scrollWidth - s.clientWidth; }");
                    if (tableOverflow > 0)
                        tooWide.Add($"{name}'s table scrolls {tableOverflow}px sideways at {size} width");
                    // Nor does a header's word run out of its column (the columns share the width evenly).
                    var clipped = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('[data-testid=leaderboard] thead th')].filter(th => th.scrollWidth > th.clientWidth + 1).map(th => th.innerText.replace(/\\s+/g, ' '))");
                    if (clipped.Length > 0)
                        tooWide.Add($"{name}'s headers do not fit their columns at {size} width: {string.Join("; ", clipped)}");
                }
                // Nothing wider than the screen but what scrolls inside its own box (the tables).
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (overflow > 0)
                    tooWide.Add($"{name} at {size} width is {overflow}px wider than the screen: " + await page.EvaluateAsync<string>(WidestScript));
            }
        }
        Assert.True(tooWide.Count == 0, string.Join("\n", tooWide));
    }

    // The outermost elements that reach past the right edge, e.g. "FORM.upload > FIELDSET".
    private const string WidestScript = """
        () => {
            const width = document.documentElement.clientWidth + 1;
            const clipped = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return true; return false; };
            return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width && !clipped(e))
                .slice(-5).map(e => (e.parentElement ? e.parentElement.tagName + '.' + e.parentElement.className + ' > ' : '') + e.tagName + '.' + e.className
                    + ' right=' + Math.round(e.getBoundingClientRect().right)).join('; ');
        }
        """;

    private static async Task OpenAsync(IPage page, Uri address, string path)
    {
        await page.GotoAsync(new Uri(address, path).ToString());
        await page.Locator("[data-testid=circuit][data-connected=true]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
    }


    private static async Task<RunEntity> RunAsync(EvalWebFactory factory, string modelName, string scenario, int perSubset)
    {
        var registrar = factory.Services.GetRequiredService<ModelRegistrar>();
        var scheduler = factory.Services.GetRequiredService<RunScheduler>();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        var model = await registrar.RegisterAsync(Repo.ReferenceModel(modelName), ModelSources.Reference);
        var run = await scheduler.ScheduleAsync(model, scenario, null, perSubset, 0);
        var done = await RunWaiter.UntilEndedAsync(dbFactory, run.Id, TimeSpan.FromSeconds(120), $"{modelName}'s {scenario} run finishing");
        Assert.Equal(RunStatus.Finished, done.Status);
        return done;
    }
}
