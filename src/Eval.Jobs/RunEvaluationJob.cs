using Hangfire;

namespace Eval.Jobs;

/// <summary>The Hangfire job: takes only the run id, may be retried, and skips work already stored.</summary>
public sealed class RunEvaluationJob(RunExecutor executor)
{
    // A failure is recorded on the run with its message; retrying the same input would fail the same way.
    [AutomaticRetry(Attempts = 0)]
    public Task ExecuteAsync(long runId, CancellationToken cancellationToken) => executor.ExecuteAsync(runId, cancellationToken);
}
