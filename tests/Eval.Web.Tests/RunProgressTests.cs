using Bunit;
using Eval.Web.Components.Shared;

namespace Eval.Web.Tests;

public sealed class RunProgressTests : BunitContext
{
    [Fact]
    public void Render_ShowsPercentage_WhenHalfDone()
    {
        var cut = Render<RunProgress>(p => p.Add(x => x.Completed, 50).Add(x => x.Total, 100));

        Assert.Equal("50%", cut.Find("[data-testid=progress]").TextContent);
    }

    [Fact]
    public void Render_ShowsCountsAndEta_FromTheRateSoFar()
    {
        var cut = Render<RunProgress>(p => p
            .Add(x => x.Completed, 1000).Add(x => x.Total, 4000).Add(x => x.Elapsed, TimeSpan.FromSeconds(10)));

        Assert.Contains("1,000/4,000 instances, ETA 0:00:30", cut.Markup);
    }
}
