namespace Eval.Cli.Tests;

/// <summary>`upload --wait`'s progress line: percent and runs done as the leaderboard counts them, the time left at the pace so far.</summary>
public sealed class ModelProgressTests
{
    private static readonly DateTime Start = new(2026, 12, 5, 10, 0, 0, DateTimeKind.Utc);

    private static ModelProgress.Run Run(long id, string status, int done = 0, int total = 100, int? position = null, DateTime? started = null) =>
        new(id, "blimp", status, done, total, position, started, null);

    [Fact]
    public void Running_CountsARunningRunByItsShare_AndEstimatesTheRestAtThePaceSoFar()
    {
        // 2 runs done and one half done: 2.5 of 4 in the 10 minutes since the first started; 1.5 to go, 6 minutes.
        var progress = new ModelProgress(7, "running",
            [Run(1, "finished", 100, 100, started: Start), Run(2, "failed", 3, 100, started: Start.AddMinutes(4)),
             Run(3, "running", 50, 100, started: Start.AddMinutes(8)), Run(4, "queued", position: 1)], Start.AddMinutes(10));

        Assert.Equal(TimeSpan.FromMinutes(6), progress.Remaining);
        Assert.Equal("model 7 running: 62% (2 of 4 runs done), ETA 6 min", progress.ToString());
        Assert.False(progress.IsFinal);
    }

    [Fact]
    public void Queued_SaysWhereItsFirstRunWaits()
    {
        var progress = new ModelProgress(7, "queued", [Run(1, "queued", position: 3), Run(2, "queued", position: 4)], Start);

        Assert.Null(progress.Remaining);
        Assert.Equal("model 7 queued: 0% (0 of 2 runs done), next run #3 in the queue", progress.ToString());
    }

    [Fact]
    public void Validating_WithoutRuns_IsTheStatusAlone_AndFinishedIsFinal()
    {
        Assert.Equal("model 7 validating", new ModelProgress(7, "validating", [], Start).ToString());

        var finished = new ModelProgress(7, "finished", [Run(1, "finished", 100, 100, started: Start)], Start.AddMinutes(1));
        Assert.True(finished.IsFinal);
        Assert.Equal("model 7 finished: 100% (1 of 1 runs done)", finished.ToString());
    }

    [Theory]
    [InlineData(0.5, ", ETA under a minute")]
    [InlineData(8.2, ", ETA 9 min")]
    [InlineData(80.0, ", ETA 1 h 20 min")]
    public void Eta_IsInWholeUnits_AsOnTheLeaderboard(double minutes, string expected) =>
        Assert.Equal(expected, ModelProgress.Eta(TimeSpan.FromMinutes(minutes)));
}
