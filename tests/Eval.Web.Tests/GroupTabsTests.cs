using Bunit;
using Eval.Web.Components.Shared;

namespace Eval.Web.Tests;

/// <summary>The leaderboard's group tabs follow WAI-ARIA's tabs pattern: one tablist, each group a tab, only the selected one in the Tab order.</summary>
public sealed class GroupTabsTests : BunitContext
{
    [Fact]
    public void Tabs_AreATablist_WithOnlyTheSelectedTabFocusableByTab_AndCarryTheView()
    {
        var cut = Render<GroupTabs>(p => p.Add(x => x.Groups, ["blimp", "fairness", "summary"]).Add(x => x.Current, "fairness").Add(x => x.Query, "?metrics=all"));

        var tabs = cut.FindAll("[role=tablist] [role=tab]");
        Assert.Equal(["tab-blimp", "tab-fairness", "tab-summary"], tabs.Select(t => t.Id));
        Assert.Equal(["false", "true", "false"], tabs.Select(t => t.GetAttribute("aria-selected")));
        Assert.Equal(["-1", "0", "-1"], tabs.Select(t => t.GetAttribute("tabindex")));
        Assert.Equal(GroupTabs.PanelId, tabs[1].GetAttribute("aria-controls"));
        Assert.Equal("page", tabs[1].GetAttribute("aria-current"));
        Assert.Equal(["/leaderboard/blimp?metrics=all", "/leaderboard/fairness?metrics=all", "/leaderboard/summary?metrics=all"],
            tabs.Select(t => t.GetAttribute("href")));
        Assert.Equal(["BLiMP", "Fairness & bias", "Summary"], tabs.Select(t => t.TextContent));
    }
}
