using Bunit;
using Eval.Core.Metrics;
using Eval.Web.Components.Shared;

namespace Eval.Web.Tests;

/// <summary>A metric's value as the model page's runs table writes it: the name and the value apart ("MC2 0.412", never "MC20.412").</summary>
public sealed class MetricValueTests : BunitContext
{
    [Fact]
    public void WithItsName_SeparatesNameValueAndInterval()
    {
        var cut = Render<MetricValue>(p => p.Add(x => x.Spec, MetricSpecs.Get("mc2")).Add(x => x.Value, 0.4123)
            .Add(x => x.CiLow, 0.38).Add(x => x.CiHigh, 0.44).Add(x => x.ShowName, true));

        Assert.Equal("MC2 0.412 (0.380–0.440)", string.Concat(cut.Nodes.Select(n => n.TextContent)));
        Assert.Equal("MC2", cut.Find("[data-testid=metric-name]").TextContent);
    }

    [Fact]
    public void AMeasuredFigure_CarriesItsUnit_WithoutName()
    {
        var cut = Render<MetricValue>(p => p.Add(x => x.Spec, MetricSpecs.Get("decode_tokens_per_s")).Add(x => x.Value, 3304.2));

        Assert.Equal("3,304 tokens/s", string.Concat(cut.Nodes.Select(n => n.TextContent)));
        Assert.Empty(cut.FindAll("[data-testid=metric-name]"));
    }
}
