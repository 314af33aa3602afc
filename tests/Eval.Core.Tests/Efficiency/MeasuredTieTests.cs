using Eval.Core.Efficiency;
using Eval.Core.Metrics;
using Eval.Core.Stats;

namespace Eval.Core.Tests.Efficiency;

/// <summary>
/// The tie rule of measured figures, on scripted repetitions (pure arithmetic): spreads are named quantiles of the
/// repetitions, and two figures tie when their bands (spread, widened by the machine's contention for time figures)
/// overlap. The case from the issue: identical weights measured 3,304 and 6,322 decode tokens/s, the slower under load.
/// </summary>
public sealed class MeasuredTieTests
{
    private static readonly MetricSpec Decode = MetricSpecs.Get(EfficiencyMetrics.DecodeTokensPerSecond);
    private static readonly MetricSpec DecodeMs = MetricSpecs.Get(EfficiencyMetrics.DecodeMsPerTokenP50);
    private static readonly MetricSpec Memory = MetricSpecs.Get(EfficiencyMetrics.ModelMemoryBytes);

    [Fact]
    public void Spread_OfAMedian_IsTheInterquartileRange_OfAP95_P70ToMax_OfALargest_None()
    {
        double[] reps = [4, 1, 3, 2];

        Assert.Equal(new MeasuredSpread(1.75, 3.25, "p25-p75"), MeasuredSpread.Of(EfficiencyMetrics.DecodeTokensPerSecond, reps));
        var p95 = MeasuredSpread.Of(EfficiencyMetrics.TtftP95, reps)!;
        Assert.Equal(("p70-p100", 4.0), (p95.Quantiles, p95.High));
        Assert.Equal(3.1, p95.Low, 12);
        Assert.Null(MeasuredSpread.Of(EfficiencyMetrics.ModelMemoryBytes, reps));
        Assert.Null(MeasuredSpread.Of(EfficiencyMetrics.DecodeTokensPerSecond, []));
    }

    [Fact]
    public void Contention_IsLoadPerProcessor_WhenOversubscribed_ElseOne()
    {
        Assert.Equal(2.0, new MeasuredFigure(1, 1, 1, LoadAverage: 4.0, LogicalCpus: 2).Contention);
        Assert.Equal(1.0, new MeasuredFigure(1, 1, 1, LoadAverage: 1.5, LogicalCpus: 2).Contention);
        Assert.Equal(1.0, new MeasuredFigure(1, 1, 1).Contention);
    }

    [Fact]
    public void IdenticalWeights_MeasuredUnderDifferentLoad_Tie()
    {
        var quiet = new MeasuredFigure(6322, 6250, 6400, LoadAverage: 0.9, LogicalCpus: 2);
        var loaded = new MeasuredFigure(3304, 3250, 3350, LoadAverage: 4.0, LogicalCpus: 2);

        // The loaded band reaches 3,350 x 2 = 6,700, over the quiet one's 6,250.
        Assert.Equal((3250, 6700), MeasuredTie.Band(loaded, Decode));
        Assert.True(MeasuredTie.Ties(quiet, loaded, Decode));
        Assert.True(MeasuredTie.Ties(loaded, quiet, Decode));
    }

    [Fact]
    public void TheSameFigures_OnAQuietMachine_AreRankedApart()
    {
        var fast = new MeasuredFigure(6322, 6250, 6400, LoadAverage: 0.9, LogicalCpus: 2);
        var slow = new MeasuredFigure(3304, 3250, 3350, LoadAverage: 1.9, LogicalCpus: 2);

        Assert.False(MeasuredTie.Ties(fast, slow, Decode));
    }

    [Fact]
    public void OverlappingSpreads_Tie_WithoutAnyLoadRecorded()
    {
        Assert.True(MeasuredTie.Ties(new MeasuredFigure(100, 90, 110), new MeasuredFigure(115, 109, 120), Decode));
        Assert.False(MeasuredTie.Ties(new MeasuredFigure(100, 90, 110), new MeasuredFigure(115, 111, 120), Decode));
    }

    [Fact]
    public void ATime_UnderLoad_WidensTowardsShorter_ASize_DoesNotWiden()
    {
        var loaded = new MeasuredFigure(0.30, 0.29, 0.31, LoadAverage: 6.0, LogicalCpus: 2);

        var (low, high) = MeasuredTie.Band(loaded, DecodeMs);
        Assert.Equal(0.29 / 3, low, 12);
        Assert.Equal(0.31, high, 12);
        Assert.Equal((20e6, 20e6), MeasuredTie.Band(new MeasuredFigure(20e6, 20e6, 20e6, LoadAverage: 6.0, LogicalCpus: 2), Memory));
        Assert.False(MeasuredTie.Ties(new MeasuredFigure(20e6, 20e6, 20e6, 6.0, 2), new MeasuredFigure(40e6, 40e6, 40e6, 6.0, 2), Memory));
    }

    [Fact]
    public void MeanWinRate_CountsTiedMeasurementsAsTies_NeitherBetterNorWorse()
    {
        IReadOnlyList<IReadOnlyList<double?>> values = [[6322.0], [3304.0], [900.0]];

        var plain = MeanWinRate.Compute(values, [false]);
        var tied = MeanWinRate.Compute(values, [false], (c, r, o) => (r, o) is (0, 1) or (1, 0));

        Assert.Equal([1.0, 0.5, 0.0], plain.Select(r => r!.Value));
        Assert.Equal([0.75, 0.75, 0.0], tied.Select(r => r!.Value));
    }
}
