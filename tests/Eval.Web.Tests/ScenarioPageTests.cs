using System.Globalization;
using System.Text.RegularExpressions;
using Eval.Data;
using Eval.TestKit;
using Eval.Web.Scenarios;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Tests;

/// <summary>The per-scenario page (HELM's run-group page), served from a real run of gpt-nano-bpe4k.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ScenarioPageTests
{
    [Fact]
    public async Task CrowsPairsPage_SaysWhatItMeasures_ItsLicence_ItsMetricsDefinitions_AndLinksEveryModelsRun()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k", 2, "crows_pairs");
        double stored;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>().CreateDbContextAsync())
            stored = (await db.RunStats.SingleAsync(s => s.RunId == run.Id && s.Level == "overall" && s.Metric == "pct_stereotype")).Mean;

        var html = await client.GetStringAsync("/scenarios/crows_pairs");

        Assert.Contains("<h1 data-testid=\"scenario-title\">CrowS-Pairs</h1>", html);
        Assert.Matches("data-testid=\"scenario-licence\">CC BY-SA 4.0", html);
        var pct = Regex.Match(html, "<tr data-testid=\"scenario-metric\" data-metric=\"pct_stereotype\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Stereotype preference", pct);
        Assert.Contains("best at 0.5", pct);
        Assert.Contains(">main<", pct);
        Assert.Contains("data-metric=\"likelihood_diff\"", html);
        var row = Regex.Match(html, "<tr data-testid=\"scenario-run\" data-model=\"gpt-nano-bpe4k\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains($"href=\"/runs/{run.Id}\"", row);
        Assert.Contains($">{stored.ToString("0.000", CultureInfo.InvariantCulture)} (", row);
    }

    [Fact]
    public async Task UnknownScenario_SaysSo()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };

        var html = await client.GetStringAsync("/scenarios/no_such_scenario");

        Assert.Contains("There is no scenario no_such_scenario.", html);
    }

    [Fact]
    public void Readme_OfBlimp_GivesItsOpeningParagraph_SourceAndLicence()
    {
        var readme = ScenarioReadme.Read(Path.Combine(Repo.Root, "scenarios", "blimp"));

        Assert.Equal("The Benchmark of Linguistic Minimal Pairs (Warstadt et al. 2020, TACL 8:377-392): 67 paradigms of 1,000 "
            + "minimal pairs each, a grammatical and an ungrammatical sentence that differ in one place.", readme.Summary);
        Assert.Equal("CC BY 4.0 (README.upstream.md carries the statement). Attribution: Warstadt et al. 2020.", readme.Licence);
        Assert.StartsWith("https://github.com/alexwarstadt/blimp at commit 3e56b06", readme.Source);
    }
}
