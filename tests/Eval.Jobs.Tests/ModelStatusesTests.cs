using Eval.Data.Entities;

namespace Eval.Jobs.Tests;

/// <summary>An accepted model's status from its runs' statuses.</summary>
public sealed class ModelStatusesTests
{
    [Theory]
    [InlineData("", "finished")]
    [InlineData("finished", "finished")]
    [InlineData("queued", "queued")]
    [InlineData("finished,queued", "queued")]
    [InlineData("queued,running", "running")]
    [InlineData("failed,running", "running")]
    [InlineData("finished,failed,cancelled", "failed")]
    [InlineData("finished,cancelled", "cancelled")]
    public void FromRuns_GivesTheModelStatus(string runs, string expected)
    {
        Assert.Equal(expected, ModelStatuses.FromRuns(runs.Split(',', StringSplitOptions.RemoveEmptyEntries)));
    }
}
