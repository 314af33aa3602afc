using Bunit;
using Eval.Data.Entities;
using Eval.Data.Queries;
using Eval.Web.Components.Shared;

namespace Eval.Web.Tests;

public sealed class InstanceBrowserTests : BunitContext
{
    private readonly List<InstanceFilter> asked = [];

    public InstanceBrowserTests() => JSInterop.SetupVoid("history.replaceState", _ => true);

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

    [Fact]
    public void Filters_StartFromTheAddress_AndApplyingThemWritesThemBackToIt()
    {
        var cut = Render<InstanceBrowser>(p => p.Add(x => x.Load, Load).Add(x => x.BaseLink, "/runs/7").Add(x => x.Subsets, ["adjunct_island", "wh_island"])
            .Add(x => x.InitialSearch, "Derek").Add(x => x.InitialSubset, "wh_island").Add(x => x.InitialOutcome, "wrong").Add(x => x.InitialPage, 2));

        Assert.Equal(("Derek", "wh_island", (bool?)false, 2), (asked[^1].Search, asked[^1].Subset, asked[^1].Correct, asked[^1].Page));
        Assert.Equal("wh_island", cut.Find("[data-testid=instance-subset]").GetAttribute("value"));

        cut.Find("[data-testid=instance-search]").Change("who should");
        cut.Find("[data-testid=instance-outcome]").Change("correct");
        cut.Find("form").Submit();
        cut.Find("[data-testid=page-next]").Click();

        var addresses = JSInterop.Invocations["history.replaceState"].Select(i => (string?)i.Arguments[2]).ToList();
        Assert.Equal(["/runs/7?q=who%20should&subset=wh_island&outcome=correct", "/runs/7?q=who%20should&subset=wh_island&outcome=correct&page=2"], addresses);
    }

    [Fact]
    public void Filters_IgnoreAnUnknownSubsetOrOutcomeInTheAddress()
    {
        Render<InstanceBrowser>(p => p.Add(x => x.Load, Load).Add(x => x.Subsets, ["adjunct_island"])
            .Add(x => x.InitialSubset, "no_such_subset").Add(x => x.InitialOutcome, "maybe").Add(x => x.InitialPage, -3));

        Assert.Equal(("", (bool?)null, 1), (asked[^1].Subset, asked[^1].Correct, asked[^1].Page));
    }

    [Fact]
    public void Answers_AreMarkedAboveTheRawResponses_WhenTheRunCanReadThem()
    {
        var cut = Render<InstanceBrowser>(p => p.Add(x => x.Load, Load)
            .Add(x => x.Answers, view => view.InstanceId == "adjunct_island-0"
                ? new InstanceAnswers(AnswerKind.MinimalPair,
                [
                    new AnswerOption(0, view.Responses[0].Continuation, null, true, true, view.Responses[0].LogProb, view.Responses[0].LogProb, TokenCount: 6),
                    new AnswerOption(1, view.Responses[1].Continuation, null, false, false, view.Responses[1].LogProb, view.Responses[1].LogProb, TokenCount: 6),
                ])
                : null));

        var instances = cut.FindAll("[data-testid=instance]");
        Assert.Equal(2, instances[0].QuerySelectorAll("[data-testid=answer-option]").Length);
        Assert.Equal("+1.7500", instances[0].QuerySelector("[data-testid=pair-difference] strong")!.TextContent);
        // The requests stay one click away; an instance without answers shows them as before.
        Assert.NotNull(instances[0].QuerySelector("details.raw-responses [data-testid=response]"));
        Assert.Null(instances[1].QuerySelector("[data-testid=answers]"));
        Assert.Null(instances[1].QuerySelector("details.raw-responses"));
        Assert.Equal(2, instances[1].QuerySelectorAll("[data-testid=response]").Length);
    }
}
