using Eval.Core.Scenarios;
using Eval.Jobs;
using Eval.Jobs.Options;
using Eval.TestKit;

namespace Eval.Jobs.Tests;

/// <summary>The deadline arithmetic: tokens counted from above, times the measured speed, times the factor, never below the floor.</summary>
public sealed class RunDeadlineTests
{
    private static readonly ScenarioDefinition Blimp = ScenarioLoader.Load(Path.Combine(Repo.Scenarios, "blimp"));

    // 2 requests x (empty context + the bos id) + 15 + 14 bytes of sentences = 31 tokens per pair.
    private static readonly Instance[] Pairs =
    [
        new("a", "", [new Reference("The cat sleeps.", true), new Reference("The cat sleep.", false)], "s"),
        new("b", "", [new Reference("The cat sleeps.", true), new Reference("The cat sleep.", false)], "s"),
    ];

    [Fact]
    public void For_IsFactorTimesExpected_WithItsReason_WhenAboveTheMinimum()
    {
        var options = new WorkerOptions { RunDeadlineFactor = 20, RunDeadlineMinimum = TimeSpan.FromSeconds(1) };

        var deadline = RunDeadline.For(2.0, Blimp, Pairs, options)!;

        Assert.Equal(62, deadline.Tokens);
        Assert.Equal(TimeSpan.FromMilliseconds(124), deadline.Expected);
        Assert.Equal(TimeSpan.FromMilliseconds(2480), deadline.Limit);
        Assert.Equal("stopped after 2.48 s: 20x its expected 0.12 s (at least 1 s); expected from at most 62 tokens at the 2 ms per token "
            + "measured when the model was validated. The model may loop, or run far slower on batches than on one short text", deadline.Reason());
    }

    [Fact]
    public void For_IsTheMinimum_WhenTheExpectedTimeIsSmall_AndNone_WithoutAMeasuredSpeed()
    {
        var options = new WorkerOptions { RunDeadlineFactor = 20, RunDeadlineMinimum = TimeSpan.FromMinutes(5) };

        Assert.Equal(TimeSpan.FromMinutes(5), RunDeadline.For(2.0, Blimp, Pairs, options)!.Limit);
        Assert.StartsWith("stopped after 5 min: 20x its expected 0.12 s (at least 5 min)", RunDeadline.For(2.0, Blimp, Pairs, options)!.Reason());
        Assert.Null(RunDeadline.For(null, Blimp, Pairs, options));
    }
}
