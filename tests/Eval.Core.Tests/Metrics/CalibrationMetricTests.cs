using Eval.Core.Metrics;

namespace Eval.Core.Tests.Metrics;

/// <summary>HELM's calibration metrics on worked examples.</summary>
public sealed class CalibrationMetricTests
{
    private static InstanceStatTable Rows(double[] confidences, double[] correct, bool reversed = false)
    {
        var rows = confidences.Select((c, i) => ($"i{i:00}", (IReadOnlyDictionary<string, double>)new Dictionary<string, double>
        {
            ["confidence"] = c,
            ["accuracy"] = correct[i],
        })).ToList();
        if (reversed)
            rows.Reverse();
        return InstanceStatTable.From(rows);
    }

    [Fact]
    public void Ece10Bin_UsesEqualMassBins_WithTheFirstBinsOneLarger()
    {
        // 12 confidences into 10 bins: numpy.array_split gives sizes 2, 2, 1, 1, 1, 1, 1, 1, 1, 1.
        // bin (mean confidence, accuracy, |gap|, weight):
        //   {.35,.40} .375 .5 .125 2/12 | {.45,.50} .475 1 .525 2/12 | .55 0 .55 | .60 1 .40 | .65 1 .35 | .70 0 .70
        //   .75 1 .25 | .80 1 .20 | .85 1 .15 | .95 1 .05   (each 1/12)
        // ECE = (2*.125 + 2*.525 + .55+.40+.35+.70+.25+.20+.15+.05) / 12 = 3.95 / 12
        double[] confidences = [0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.95];
        double[] correct = [0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1];

        var ece = new ExpectedCalibrationErrorMetric(10).Compute(Rows(confidences, correct));

        Assert.Equal(3.95 / 12, ece, 12);
    }

    [Fact]
    public void Ece10Bin_GivesEachInstanceABin_WhenFewerThanTenInstances()
    {
        // |.6-0| + |.7-0| + |.8-1| + |.9-1| over 4 = 1.6 / 4.
        var ece = new ExpectedCalibrationErrorMetric(10).Compute(Rows([0.9, 0.6, 0.8, 0.7], [1, 0, 1, 0]));

        Assert.Equal(0.4, ece, 12);
    }

    [Fact]
    public void Ece_PutsEqualConfidencesInOneBin()
    {
        // Edges: (.5+.5)/2 = .5 and 1.0, merged to [.5, 1.0]; every .5 goes to the first: |.5 - .5| = 0.
        var ece = ExpectedCalibrationErrorMetric.Compute([0.5, 0.5, 0.5, 0.5], [1, 1, 0, 0], 2);

        Assert.Equal(0.0, ece, 12);
    }

    [Fact]
    public void Ece_IsNaN_WithoutInstances()
    {
        Assert.True(double.IsNaN(new ExpectedCalibrationErrorMetric().Compute(InstanceStatTable.From([]))));
    }

    [Fact]
    public void SelectiveAcc10_IsTheAccuracyOfTheFirstTenthPlusOne_ByConfidence()
    {
        // 20 instances: int(0.1 * 20) + 1 = 3 most confident, correct 1, 0, 1 -> 2/3.
        var confidences = Enumerable.Range(0, 20).Select(i => 1.0 - i / 40.0).ToArray();
        var correct = new double[20];
        correct[0] = 1;
        correct[2] = 1;
        var rows = Rows(confidences, correct, reversed: true);

        Assert.Equal(2.0 / 3.0, new SelectiveAccuracyMetric(10).Compute(rows), 12);
    }
}
