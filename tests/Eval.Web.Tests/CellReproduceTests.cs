using System.Net;
using Bunit;
using Eval.Data;
using Eval.Data.Queries;
using Eval.Jobs.Reproduce;
using Eval.Web.Auth;
using Eval.Web.Components.Shared;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Eval.Web.Tests;

/// <summary>
/// A leaderboard cell's own "reproduce" action, on a real host's finished run: a browser on the server's machine
/// queues at once, any other needs a known API key (the run page's write rules); either way the cell then says
/// "queued" and links to the run page. Each cell with a run gets the action and the cell's text is unchanged.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class CellReproduceTests
{
    [Fact]
    public async Task LocalBrowser_QueuesAtOnce_SaysQueued_AndLinksToTheRunPage_OnceHoweverOftenOpened()
    {
        using var factory = new EvalWebFactory();
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");
        using var bunit = Context(factory, Browser("127.0.0.1", origin: "http://127.0.0.1:5000"));

        var cut = bunit.Render<CellReproduce>(p => p.Add(x => x.RunId, run.Id));
        Assert.Equal($"Reproduce run #{run.Id}", cut.Find("[data-testid=reproduce-cell]").GetAttribute("aria-label"));
        Assert.Empty(cut.FindAll("[data-testid=reproduce-panel]"));
        cut.Find("[data-testid=reproduce-cell]").Click();

        Assert.Equal("queued", cut.WaitForElement("[data-testid=reproduce-queued]").TextContent);
        Assert.Equal($"/runs/{run.Id}", cut.Find("[data-testid=reproduce-run-link]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=api-key]"));
        // Closing and opening again shows the same reproduction; it does not queue another.
        cut.Find("[data-testid=reproduce-cell]").Click();
        Assert.Empty(cut.FindAll("[data-testid=reproduce-panel]"));
        cut.Find("[data-testid=reproduce-cell]").Click();
        Assert.Equal("queued", cut.Find("[data-testid=reproduce-queued]").TextContent);
        Assert.Equal(1, await ReproductionsAsync(factory, run.Id));
    }

    [Fact]
    public async Task OtherBrowser_NeedsAKnownKey_BeforeAnythingIsQueued()
    {
        using var factory = new EvalWebFactory();
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");
        using var bunit = Context(factory, Browser("203.0.113.9", origin: "http://eval.example.org"));

        var cut = bunit.Render<CellReproduce>(p => p.Add(x => x.RunId, run.Id));
        cut.Find("[data-testid=reproduce-cell]").Click();
        Assert.Empty(cut.FindAll("[data-testid=reproduce-queued]"));

        cut.Find("[data-testid=reproduce-queue]").Click();
        Assert.Equal("An API key is needed to change anything from a browser that is not on this machine.", cut.Find("[data-testid=reproduce-error]").TextContent);
        cut.Find("[data-testid=api-key]").Change("not-a-known-key");
        cut.Find("[data-testid=reproduce-queue]").Click();
        Assert.Equal("That API key is not known.", cut.Find("[data-testid=reproduce-error]").TextContent);
        Assert.Equal(0, await ReproductionsAsync(factory, run.Id));

        cut.Find("[data-testid=api-key]").Change(EvalWebFactory.UserKey);
        cut.Find("[data-testid=reproduce-queue]").Click();
        Assert.Equal("queued", cut.WaitForElement("[data-testid=reproduce-queued]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=reproduce-error]"));
        Assert.Equal(1, await ReproductionsAsync(factory, run.Id));
    }

    [Fact]
    public async Task ARunThatIsNotThere_IsSaid_AndNothingIsQueued()
    {
        using var factory = new EvalWebFactory();
        using var bunit = Context(factory, Browser("127.0.0.1", origin: "http://127.0.0.1:5000"));

        var cut = bunit.Render<CellReproduce>(p => p.Add(x => x.RunId, 987654));
        cut.Find("[data-testid=reproduce-cell]").Click();

        Assert.Equal("no run with id 987654", cut.WaitForElement("[data-testid=reproduce-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=reproduce-queued]"));
        Assert.Equal(0, await ReproductionsAsync(factory, 987654));
    }

    [Fact]
    public void Grid_GivesEveryCellWithARunItsAction_WithoutChangingTheCellsText()
    {
        using var bunit = new BunitContext();
        var table = new LeaderboardTable("blimp",
            [new LeaderboardColumn("overall", "Overall", "accuracy", false, "blimp", "overall", "overall"),
             new LeaderboardColumn("mean_win_rate", "Mean win rate", "mean_win_rate", false, "", "overall", "mean_win_rate")],
            [new LeaderboardRow("a-model", 1, "gpt", 1000, "byte-level BPE", new Dictionary<string, LeaderboardCell>
            {
                ["overall"] = new(0.6, 0.55, 0.65, 10, 100, 6700),
                ["mean_win_rate"] = new(0.5, 0.5, 0.5, null, null, 12),
            })]);

        // No write service is asked for until a cell's action is used.
        var cut = bunit.Render<LeaderboardGrid>(p => p.Add(x => x.Table, table));

        var cell = cut.Find("[data-testid=cell-overall]");
        Assert.Equal("Reproduce run #10", cell.QuerySelector("[data-testid=reproduce-cell]")!.GetAttribute("aria-label"));
        Assert.Equal("0.600s", cell.TextContent.Trim());
        Assert.Null(cut.Find("[data-testid=cell-mean_win_rate]").QuerySelector("[data-testid=reproduce-cell]"));
    }

    /// <summary>A bUnit context whose write services are the host's, judged for <paramref name="circuit"/>'s connection.</summary>
    private static BunitContext Context(EvalWebFactory factory, HttpContext circuit)
    {
        var bunit = new BunitContext();
        bunit.Services.AddScoped(_ => new BrowserWriteAccess(new HttpContextAccessor { HttpContext = circuit },
            factory.Services.GetRequiredService<ApiKeyStore>(), factory.Services.GetRequiredService<IOptions<AuthOptions>>()));
        bunit.Services.AddSingleton(factory.Services.GetRequiredService<RunReproducer>());
        return bunit;
    }

    private static DefaultHttpContext Browser(string address, string origin)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("127.0.0.1", 5000);
        context.Request.Headers.Origin = origin;
        return context;
    }

    private static async Task<int> ReproductionsAsync(EvalWebFactory factory, long runId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>().CreateDbContextAsync();
        return await db.Reproductions.CountAsync(r => r.RunId == runId);
    }
}
