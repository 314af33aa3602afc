using Eval.Jobs.Options;
using Microsoft.Extensions.Configuration;

namespace Eval.ScaleOut.Tests;

/// <summary>A worker serves exactly the queues configured for it: the configured list replaces the default.</summary>
public sealed class WorkerQueueTests
{
    [Theory]
    [InlineData(null, "cpu")]
    [InlineData("cuda", "cuda")]
    [InlineData("CUDA,cpu,cuda", "cuda,cpu")]
    public void ServedQueues_AreTheConfiguredOnes(string? configured, string expected)
    {
        var settings = new Dictionary<string, string?>();
        var queues = configured?.Split(',') ?? [];
        for (var i = 0; i < queues.Length; i++)
            settings[$"Eval:Worker:Queues:{i}"] = queues[i];
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(WorkerOptions.Section).Get<WorkerOptions>() ?? new WorkerOptions();
        Assert.Equal(expected.Split(','), options.ServedQueues());
    }
}
