using System.Net;
using Eval.Core.Models;
using Eval.Data;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Tests;

/// <summary>What the served pages carry around their content: the icon, and ONNX Runtime's CUDA message shown once.</summary>
[Collection(WebHostCollection.Name)]
public sealed class PageHostTests
{
    [Fact]
    public async Task Favicon_IsServed_AndEveryPageLinksIt()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };

        var ico = await client.GetAsync("/favicon.ico");
        var svg = await client.GetAsync("/favicon.svg");
        var page = await client.GetStringAsync("/models");

        Assert.Equal(HttpStatusCode.OK, ico.StatusCode);
        Assert.Equal([0, 0, 1, 0], (await ico.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var head = page[..page.IndexOf("</head>", StringComparison.Ordinal)];
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(head, @"<link rel=""icon"" href=""favicon.svg"" type=""image/svg\+xml""\s*/?>"), head);
    }

    [Fact]
    public async Task LeaderboardTabs_MarkTheCurrentOneForScreenReaders()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };

        var html = await client.GetStringAsync("/leaderboard/fairness");

        Assert.Contains("<a role=\"tab\" id=\"tab-fairness\" href=\"/leaderboard/fairness\" class=\"active\" aria-current=\"page\" aria-selected=\"true\" aria-controls=\"group-panel\" tabindex=\"0\" data-testid=\"tab-fairness\">", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "aria-selected=\"true\""));
        Assert.Contains("<div role=\"tabpanel\" id=\"group-panel\" aria-labelledby=\"tab-fairness\">", html);
        Assert.Contains("<script src=\"tabs.js\"></script>", html);
    }

    [Fact]
    public async Task CudaFallback_IsExplainedOnceOnTheJobsPage_AndTheRunPageLinksThere()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");
        var cpu = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-mini-bpe8k");
        const string detail = "Failed to load shared library libonnxruntime_providers_cuda.so; not found: libcublasLt.so.13, libcudnn.so.9";
        var reason = $"{ExecutionProviderChoice.CudaFallbackPrefix} ({detail}); using the CPU";
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>().CreateDbContextAsync())
        {
            await db.Runs.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ProviderReason, reason));
            await db.Runs.Where(r => r.Id == cpu.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ProviderReason, "device cpu was requested"));
        }

        var runPage = await client.GetStringAsync($"/runs/{run.Id}");
        var cpuPage = await client.GetStringAsync($"/runs/{cpu.Id}");
        var jobs = await client.GetStringAsync("/jobs");

        Assert.DoesNotContain(detail, runPage);
        Assert.Contains("CUDA could not be loaded: <a href=\"/jobs#gpu\">why, and the fix</a>", runPage);
        Assert.Contains("device cpu was requested", cpuPage);
        Assert.DoesNotContain("/jobs#gpu", cpuPage);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(jobs, System.Text.RegularExpressions.Regex.Escape(detail)));
        Assert.Contains("install CUDA 13 and cuDNN 9", jobs);
    }

    [Fact]
    public async Task JobsPage_SaysNothingOfCuda_WhenNoRunFellBack()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");

        var jobs = await client.GetStringAsync("/jobs");

        Assert.DoesNotContain("cuda-fallback", jobs);
    }
}
