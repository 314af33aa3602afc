using Eval.Core.Stats;

namespace Eval.Core.Tests.Stats;

public sealed class MeanWinRateTests
{
    [Fact]
    public void Compute_FollowsHelmsWinRate_WithTiesHalvedAndLowerIsBetterRespected()
    {
        // columns: accuracy (higher better), ece_10_bin (lower better)
        //   A .8 .10 | B .6 .10 | C .6 .30
        // accuracy: A beats 2 -> (2 + 0/2) / 2 = 1; B and C: 0 worse, 2 tied -> (0 + 1/2) / 2 = .25
        // ece: A and B: C worse, 2 tied -> (1 + 1/2) / 2 = .75; C: (0 + 0) / 2 = 0
        // mean: A (1 + .75) / 2 = .875, B (.25 + .75) / 2 = .5, C (.25 + 0) / 2 = .125
        double?[][] values = [[0.8, 0.10], [0.6, 0.10], [0.6, 0.30]];

        var rates = MeanWinRate.Compute(values, [false, true]);

        Assert.Equal([0.875, 0.5, 0.125], rates.Select(r => r!.Value));
    }

    [Fact]
    public void Compute_AveragesOnlyTheColumnsARowHas_AndCountsOnlyRowsWithAValue()
    {
        // accuracy: A .9, B .5, C .7; ece: A .2, B -, C .1
        // accuracy: A (2 + 0) / 2 = 1, B 0, C .5; ece (2 rows): A 0, C 1
        // mean: A .5, B 0, C .75
        double?[][] values = [[0.9, 0.2], [0.5, null], [0.7, 0.1]];

        var rates = MeanWinRate.Compute(values, [false, true]);

        Assert.Equal([0.5, 0.0, 0.75], rates.Select(r => r!.Value));
    }

    [Fact]
    public void Compute_IsNull_ForARowWithNoComparableColumn()
    {
        double?[][] values = [[0.9, null], [null, 0.3]];

        var rates = MeanWinRate.Compute(values, [false, true]);

        Assert.All(rates, r => Assert.Null(r));
    }

    [Fact]
    public void MeanScore_AveragesTheHigherIsBetterColumns()
    {
        double?[][] values = [[0.8, 0.6, 0.10], [0.4, null, 0.30]];

        var scores = MeanWinRate.MeanScore(values, [false, false, true]);

        Assert.Equal(0.7, scores[0]!.Value, 12);
        Assert.Equal(0.4, scores[1]!.Value, 12);
    }
}
