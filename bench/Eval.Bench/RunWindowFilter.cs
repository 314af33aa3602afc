using System.Collections.Concurrent;
using System.Diagnostics;
using Eval.Jobs;
using Hangfire.Common;
using Hangfire.Server;

namespace Eval.Bench;

/// <summary>
/// Times every run job the in-process worker performs: wall clock and the process's CPU time from the job's start to
/// its end. One worker runs one job at a time, so the process's CPU in that window is the run's (the idle host adds
/// little).
/// </summary>
public sealed class RunWindowFilter : JobFilterAttribute, IServerFilter
{
    private readonly ConcurrentDictionary<long, RunWindow> windows = new();

    public IReadOnlyDictionary<long, RunWindow> Windows => windows;

    public void OnPerforming(PerformingContext context)
    {
        if (RunIdOf(context) is { } runId)
            windows[runId] = new RunWindow(Stopwatch.GetTimestamp(), CpuTime(), null, null);
    }

    public void OnPerformed(PerformedContext context)
    {
        if (RunIdOf(context) is { } runId && windows.TryGetValue(runId, out var window))
            windows[runId] = window with { EndTimestamp = Stopwatch.GetTimestamp(), EndCpu = CpuTime() };
    }

    private static long? RunIdOf(PerformContext context) =>
        context.BackgroundJob.Job.Type == typeof(RunEvaluationJob) && context.BackgroundJob.Job.Args[0] is long runId ? runId : null;

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
