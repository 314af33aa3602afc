using Bunit;
using Eval.Core.Metrics;
using Eval.Core.Scenarios;
using Eval.Data.Entities;
using Eval.Data.Queries;
using Eval.Web.Components.Pages;
using Microsoft.AspNetCore.Components;

namespace Eval.Web.Tests;

/// <summary>The compare view on real runs of the reference models, for minimal-pair and multiple-choice scenarios.</summary>
[Collection(WebHostCollection.Name)]
public sealed class CompareTests
{
    private static async Task<List<CompareRow>> AllRowsAsync(CompareQuery compare, long a, long b, bool disagreeOnly, int pageSize)
    {
        var rows = new List<CompareRow>();
        for (var page = 1; ; page++)
        {
            var result = await compare.CompareAsync(a, b, disagreeOnly, page, pageSize);
            rows.AddRange(result.Rows);
            if (result.Rows.Count < pageSize)
                return rows;
        }
    }

    [Fact]
    public async Task MultipleChoice_AlignsByInstance_PredictionsMatchTheStoredAccuracy_AndDisagreeFiltersPages()
    {
        using var factory = new EvalWebFactory();
        factory.StartRealServer();
        var a = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k", 30, "truthfulqa_mc");
        var b = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-mini-bpe8k-early", 30, "truthfulqa_mc");
        var compare = factory.Services.GetRequiredService<CompareQuery>();
        var instances = factory.Services.GetRequiredService<ScenarioCatalog>().Instances("truthfulqa_mc").ToDictionary(i => i.Id);

        var first = await compare.CompareAsync(a.Id, b.Id, false, 1, 7);
        var all = await AllRowsAsync(compare, a.Id, b.Id, false, 7);

        Assert.Equal(a.Done, first.Shared);
        Assert.Equal(a.Done, all.Count);
        Assert.Equal(all.Select(r => r.InstanceId).Order(StringComparer.Ordinal), all.Select(r => r.InstanceId));
        foreach (var row in all)
        {
            var instance = instances[row.InstanceId];
            // The question asked, not the few-shot primer before it.
            Assert.Equal(InstanceQuestion.Of(instance), row.Question);
            Assert.StartsWith("Q: ", row.Question);
            Assert.EndsWith(row.Question!, instance.Input.Trim());
            var choices = MultipleChoice.MainChoices(instance);
            var gold = instance.References[MultipleChoice.Gold(instance, choices)].Text;
            foreach (var side in new[] { row.A, row.B })
            {
                // The answer read back from the responses is right exactly when the run's stored accuracy says so.
                Assert.Contains(side.Choice, choices);
                Assert.Equal(side.Correct == 1.0, side.Answer == gold);
                Assert.True(side.Stats.ContainsKey("confidence"));
            }
        }
        var disagreeing = all.Where(r => r.A.Choice != r.B.Choice).ToList();
        Assert.NotEmpty(disagreeing);
        Assert.Equal(disagreeing.Count, first.Disagreements);
        Assert.Equal(disagreeing.Select(r => r.InstanceId), (await AllRowsAsync(compare, a.Id, b.Id, true, 4)).Select(r => r.InstanceId));
        Assert.Equal(disagreeing.Count, (await compare.CompareAsync(a.Id, b.Id, true, 1, 4)).Total);
    }

    [Fact]
    public async Task MinimalPairs_DisagreeExactlyWhereOneIsRight_AndThePageDeepLinks()
    {
        using var factory = new EvalWebFactory();
        factory.StartRealServer();
        var a = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k", 2, "crows_pairs");
        var b = await WebHostTests.RunSmallBlimpAsync(factory, "llama-mini-bpe8k", 2, "crows_pairs");
        var blimp = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k", 1);
        var compare = factory.Services.GetRequiredService<CompareQuery>();

        var all = await AllRowsAsync(compare, a.Id, b.Id, false, 500);
        Assert.Equal(a.Done, all.Count);
        // A pair has two sentences: the runs differ exactly where they prefer different ones.
        Assert.All(all, r => Assert.Equal(r.A.Choice != r.B.Choice, r.Disagree));
        Assert.All(all, r => Assert.Equal(r.A.Stats["pct_stereotype"] != r.B.Stats["pct_stereotype"], r.Disagree));
        var disagreeing = all.Count(r => r.Disagree);
        // Minimal pairs ask nothing: the two sentences are the answers.
        Assert.All(all, r => Assert.Null(r.Question));

        using var bunit = new BunitContext();
        bunit.Services.AddSingleton(compare);
        bunit.Services.GetRequiredService<NavigationManager>().NavigateTo($"/compare?scenario=crows_pairs&a={a.Id}&b={b.Id}&disagree=true");
        var cut = bunit.Render<ComparePage>();

        Assert.Equal("crows_pairs", cut.Find("[data-testid=compare-scenario]").GetAttribute("value"));
        Assert.Equal(Math.Min(50, disagreeing), cut.FindAll("[data-testid=compare-row]").Count);
        Assert.All(cut.FindAll("[data-testid=compare-row]"), r => Assert.Contains("disagree", r.ClassList));
        Assert.Empty(cut.FindAll("[data-testid=compare-question]"));
        var summary = System.Text.RegularExpressions.Regex.Replace(cut.Find("[data-testid=compare-summary]").TextContent, @"\s+", " ").Trim();
        var expected = $"{all.Count} shared instances; they choose differently on {disagreeing} ";
        Assert.Equal(expected, summary[..Math.Min(expected.Length, summary.Length)]);
        Assert.Equal($"/compare?scenario=crows_pairs&a={a.Id}&b={b.Id}&disagree=true", cut.Find("[data-testid=compare-link]").GetAttribute("href"));

        // Nothing chosen yet: how to start, with the two crows_pairs runs (run alike) as a suggested pair.
        bunit.Services.GetRequiredService<NavigationManager>().NavigateTo("/compare?scenario=crows_pairs");
        var start = bunit.Render<ComparePage>();
        Assert.Contains("two finished runs", start.Find("[data-testid=compare-start]").TextContent);
        var suggestion = Assert.Single(start.FindAll("[data-testid=compare-suggestion]"));
        Assert.Equal("gpt-nano-bpe4k vs llama-mini-bpe8k", suggestion.TextContent);
        Assert.Equal($"/compare?scenario=crows_pairs&a={a.Id}&b={b.Id}&disagree=true", suggestion.GetAttribute("href"));
        Assert.Empty(start.FindAll("[data-testid=compare-row]"));

        // Runs of two scenarios: a readable refusal, nothing compared.
        bunit.Services.GetRequiredService<NavigationManager>().NavigateTo($"/compare?scenario=crows_pairs&a={a.Id}&b={blimp.Id}");
        var refused = bunit.Render<ComparePage>();
        Assert.Contains("compare runs of one scenario", refused.Find("[data-testid=compare-error]").TextContent);
        Assert.Empty(refused.FindAll("[data-testid=compare-row]"));
        Assert.Equal(RunStatus.Finished, blimp.Status);
    }
}
