using Bunit;
using Eval.Core.Metrics;
using Eval.Data;
using Eval.Data.Queries;
using Eval.Web.Charts;
using Eval.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Plotly.Blazor.Traces;

namespace Eval.Web.Tests;

/// <summary>The run page's reliability diagram: its bins, the figure handed to Plotly, and the stored ECE it reproduces.</summary>
public sealed class ReliabilityChartTests : BunitContext
{
    // Sorted .6 .7 | .8 .9: the edge between the two bins is .75.
    private static readonly ReliabilityDiagram Small = ReliabilityDiagram.Compute([0.9, 0.6, 0.8, 0.7], [1, 0, 0, 1], bins: 2);

    [Fact]
    public void Compute_BinsByEqualMass_WithMeanConfidenceAccuracyAndCount()
    {
        Assert.Equal([0.75, 1.0], Small.Bins.Select(b => b.UpperEdge));
        Assert.Equal([2, 2], Small.Bins.Select(b => b.Count));
        Assert.Equal([0.65, 0.85], Small.Bins.Select(b => Math.Round(b.MeanConfidence, 12)));
        Assert.Equal([0.5, 0.5], Small.Bins.Select(b => b.Accuracy));
        Assert.Equal(0.5 * 0.15 + 0.5 * 0.35, Small.Ece, 12);
        Assert.Equal(4, Small.Instances);
    }

    [Fact]
    public void Compute_GivesTheMetricsEce_BitForBit()
    {
        var random = new Random(7);
        var confidences = Enumerable.Range(0, 997).Select(_ => Math.Round(0.2 + 0.8 * random.NextDouble(), 3)).ToList();
        var correct = confidences.Select(c => random.NextDouble() < c * 0.9 ? 1.0 : 0.0).ToList();

        var diagram = ReliabilityDiagram.Compute(confidences, correct);

        Assert.Equal(ExpectedCalibrationErrorMetric.Compute(confidences, correct, 10), diagram.Ece);
        Assert.Equal(10, diagram.Bins.Count);
        Assert.Equal(997, diagram.Bins.Sum(b => b.Count));
    }

    [Fact]
    public void Figure_HasTheDiagonal_ThenOnePointPerBin_WithCountsOnHover_AndEceInTheTitle()
    {
        var traces = CalibrationCharts.Reliability(Small);

        var diagonal = Assert.IsType<Scatter>(traces[0]);
        Assert.Equal([0.0, 1.0], diagonal.X.Cast<double>());
        Assert.Equal([0.0, 1.0], diagonal.Y.Cast<double>());
        var bins = Assert.IsType<Scatter>(traces[1]);
        Assert.Equal([0.65, 0.85], bins.X.Cast<double>().Select(x => Math.Round(x, 12)));
        Assert.Equal([0.5, 0.5], bins.Y.Cast<double>());
        Assert.Equal(["2 instances<br>mean confidence 0.650<br>accuracy 0.500", "2 instances<br>mean confidence 0.850<br>accuracy 0.500"], bins.HoverTextArray);
        Assert.Equal("Reliability (2 equal-mass bins) · ECE 0.250", CalibrationCharts.Title(Small));
    }

    [Fact]
    public void Component_RendersTheChart_AndTheBinsAsATable()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;

        var cut = Render<ReliabilityChart>(p => p.Add(x => x.Diagram, Small));

        Assert.NotNull(cut.Find("[data-testid=chart-reliability]"));
        var rows = cut.FindAll("[data-testid=reliability-bin]");
        Assert.Equal(2, rows.Count);
        Assert.Equal(["1", "2", "0.650", "0.500", "0.150"], rows[0].Children.Select(c => c.TextContent));
    }
}

/// <summary>Against a real run: the diagram from the stored instance stats reproduces the stored ece_10_bin exactly.</summary>
[Collection(WebHostCollection.Name)]
public sealed class ReliabilityFromStoredRunTests
{
    [Theory]
    [InlineData("truthfulqa_mc", 40)]
    [InlineData("bbq", 3)]
    public async Task StoredInstanceStats_GiveTheStoredEce(string scenario, int perSubset)
    {
        using var factory = new EvalWebFactory();
        factory.StartRealServer();
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k", perSubset, scenario);
        Assert.Equal(Eval.Data.Entities.RunStatus.Finished, run.Status);
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        var stored = db.RunStats.Single(s => s.RunId == run.Id && s.Metric == "ece_10_bin" && s.Level == "overall");

        var (confidences, correct) = await factory.Services.GetRequiredService<RunQuery>().CalibrationAsync(run.Id);
        var diagram = ReliabilityDiagram.Compute(confidences, correct);

        Assert.Equal(stored.Mean, diagram.Ece);
        Assert.Equal(stored.Count, diagram.Instances);
        // Ten equal-mass bins, fewer where equal confidences share an edge.
        Assert.InRange(diagram.Bins.Count, 2, 10);
        Assert.Equal(diagram.Instances, diagram.Bins.Sum(b => b.Count));
    }
}
