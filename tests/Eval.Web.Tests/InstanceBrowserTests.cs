using Bunit;
using Eval.Data.Entities;
using Eval.Data.Queries;
using Eval.Web.Components.Shared;

namespace Eval.Web.Tests;

public sealed class InstanceBrowserTests : BunitContext
{
    private readonly List<InstanceFilter> asked = [];

    private Task<InstancePage> Load(InstanceFilter filter)
    {
        asked.Add(filter);
        var items = Enumerable.Range(0, 2).Select(i => new InstanceView($"adjunct_island-{i}", "adjunct_island",
            [
                new ResponseEntity { InstanceId = $"adjunct_island-{i}", RequestIndex = 0, Prompt = "", Continuation = " Who should Derek hug?", LogProb = -20.5, TokenCount = 6, IsGreedy = false },
                new ResponseEntity { InstanceId = $"adjunct_island-{i}", RequestIndex = 1, Prompt = "", Continuation = " Who Derek should hug?", LogProb = -22.25, TokenCount = 6 },
            ],
            new Dictionary<string, double> { ["accuracy"] = 1 - i })).ToList();
        return Task.FromResult(new InstancePage(60, items));
    }

    [Fact]
    public void Render_ShowsEachInstanceWithItsResponses_AndADeepLink()
    {
        var cut = Render<InstanceBrowser>(p => p.Add(x => x.Load, Load).Add(x => x.BaseLink, "/runs/7"));

        Assert.Equal("60 instances, page 1 of 3", cut.Find("[data-testid=instance-count]").TextContent);
        Assert.Equal(2, cut.FindAll("[data-testid=instance]").Count);
        Assert.Equal(4, cut.FindAll("[data-testid=response]").Count);
        Assert.Contains("-22.2500", cut.Markup);
        Assert.Contains("⟨bos⟩", cut.Markup);
        Assert.Equal("/runs/7?instance=adjunct_island-0", cut.FindAll("[data-testid=instance-link]")[0].GetAttribute("href"));
        Assert.Contains("right", cut.FindAll("[data-testid=instance]")[0].ClassList);
        Assert.Contains("wrong", cut.FindAll("[data-testid=instance]")[1].ClassList);
    }

    [Fact]
    public void Filters_AreSentToTheQuery_AndPagingAsksForTheNextPage()
    {
        var cut = Render<InstanceBrowser>(p => p.Add(x => x.Load, Load).Add(x => x.Subsets, ["adjunct_island", "wh_island"]));

        cut.Find("[data-testid=instance-search]").Change("Derek");
        cut.Find("[data-testid=instance-subset]").Change("wh_island");
        cut.Find("[data-testid=instance-outcome]").Change("wrong");
        cut.Find("form").Submit();
        cut.Find("[data-testid=page-next]").Click();

        var applied = asked[^2];
        Assert.Equal(("Derek", "wh_island", (bool?)false, 1), (applied.Search, applied.Subset, applied.Correct, applied.Page));
        Assert.Equal(2, asked[^1].Page);
        Assert.Equal("wh_island", asked[^1].Subset);
    }

    [Fact]
    public void Variants_LabelEachResponseRow_WhenTheScenarioHasPerturbations()
    {
        var cut = Render<InstanceBrowser>(p => p.Add(x => x.Load, Load)
            .Add(x => x.Variants, id => id == "adjunct_island-0" ? ["original", "gender_terms"] : null));

        var first = cut.FindAll("[data-testid=instance]")[0].QuerySelectorAll("[data-testid=response-variant]").Select(e => e.TextContent);
        Assert.Equal(["original", "gender_terms"], first);
        Assert.Empty(cut.FindAll("[data-testid=instance]")[1].QuerySelectorAll("[data-testid=response-variant]"));
    }

    [Fact]
    public void Variants_AddNoColumn_WithoutPerturbations()
    {
        var cut = Render<InstanceBrowser>(p => p.Add(x => x.Load, Load));

        Assert.Empty(cut.FindAll("[data-testid=response-variant]"));
        Assert.DoesNotContain("Variant", cut.Markup);
    }
}
