using Eval.Data;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs;

/// <summary>
/// The one writer of run statuses: each change is one conditional update that applies only where RunTransitions allows
/// it (so a cancel racing a finish leaves one of them, never a finished run made queued), and each change refreshes the
/// model's status from its runs (ModelStatusUpdater) here, not in the callers. A refused transition is a false (or 0),
/// not an exception: the caller says what it means (a conflict for the API, nothing for a job that lost a race).
/// </summary>
public sealed class RunLifecycle(IDbContextFactory<EvalDbContext> dbFactory, ModelStatusUpdater statuses)
{
    /// <summary>A new run (made by RunScheduler) starts queued; the model's status follows.</summary>
    public async Task<RunEntity> CreateAsync(RunEntity run, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        run.Status = RunStatus.Queued;
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        await statuses.RefreshAsync(run.ModelId, cancellationToken);
        return run;
    }

    /// <summary>Retry: a failed or cancelled run is queued again (it resumes from its stored responses).</summary>
    public Task<bool> RequeueAsync(long runId, CancellationToken cancellationToken = default) =>
        MoveAsync(runId, RunStatus.Queued, [RunStatus.Failed, RunStatus.Cancelled], null, cancellationToken);

    /// <summary>A job takes its run: queued (or resumed after a kill, or retried after a failure) becomes running; cancelled stays cancelled.</summary>
    public Task<bool> StartAsync(long runId, CancellationToken cancellationToken = default) =>
        MoveAsync(runId, RunStatus.Running, RunTransitions.From(RunStatus.Running), null, cancellationToken);

    /// <summary>Its stats are stored: running becomes finished. A run cancelled as its last chunk was stored stays cancelled; a retry finishes it.</summary>
    public Task<bool> FinishAsync(long runId, CancellationToken cancellationToken = default) =>
        MoveAsync(runId, RunStatus.Finished, RunTransitions.From(RunStatus.Finished), null, cancellationToken);

    /// <summary>The run failed with the reason; a cancelled (or finished) run is not failed by what its stopping threw.</summary>
    public Task<bool> FailAsync(long runId, string reason, CancellationToken cancellationToken = default) =>
        MoveAsync(runId, RunStatus.Failed, RunTransitions.From(RunStatus.Failed), reason, cancellationToken);

    /// <summary>Stopped at its deadline: only a running run fails so (one cancelled meanwhile stays cancelled).</summary>
    public Task<bool> FailRunningAsync(long runId, string reason, CancellationToken cancellationToken = default) =>
        MoveAsync(runId, RunStatus.Failed, [RunStatus.Running], reason, cancellationToken);

    /// <summary>Handed back to its queue (this worker cannot see the model's files), saying why, for another worker to take.</summary>
    public Task<bool> HandBackAsync(long runId, string reason, CancellationToken cancellationToken = default) =>
        MoveAsync(runId, RunStatus.Queued, [RunStatus.Queued, RunStatus.Running], reason, cancellationToken);

    /// <summary>A user cancels a queued or running run; the running job sees it within a second (RunCancellationWatcher).</summary>
    public Task<bool> CancelAsync(long runId, CancellationToken cancellationToken = default) =>
        MoveAsync(runId, RunStatus.Cancelled, RunTransitions.From(RunStatus.Cancelled), null, cancellationToken, keepError: true);

    /// <summary>Cancels every queued or running run of the model; how many.</summary>
    public async Task<int> CancelModelRunsAsync(long modelId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var from = RunTransitions.From(RunStatus.Cancelled).ToList();
        var count = await db.Runs.Where(r => r.ModelId == modelId && from.Contains(r.Status))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RunStatus.Cancelled), cancellationToken);
        if (count > 0)
            await statuses.RefreshAsync(modelId, cancellationToken);
        return count;
    }

    /// <summary>At start (the in-process worker is the only one): runs left running by a killed process are queued again, to resume. Their ids and queues.</summary>
    public async Task<IReadOnlyList<(long RunId, string Queue)>> RequeueInterruptedAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var interrupted = await db.Runs.Where(r => r.Status == RunStatus.Running)
            .Select(r => new { r.Id, r.ModelId, r.Model!.Queue }).ToListAsync(cancellationToken);
        var requeued = new List<(long, string)>();
        foreach (var run in interrupted)
            if (await MoveAsync(run.Id, RunStatus.Queued, [RunStatus.Running], null, cancellationToken, keepError: true))
                requeued.Add((run.Id, run.Queue));
        return requeued;
    }

    /// <summary>At start: every accepted model's status from its runs, in case a process died between a run's change and its model's.</summary>
    public Task RefreshAllModelsAsync(CancellationToken cancellationToken = default) => statuses.RefreshAllAsync(cancellationToken);

    /// <summary>The model's status from its runs, for a caller that changed which runs it has without a transition (none applied, or the first start).</summary>
    public Task RefreshModelAsync(long modelId, CancellationToken cancellationToken = default) => statuses.RefreshAsync(modelId, cancellationToken);

    private async Task<bool> MoveAsync(long runId, string to, IReadOnlyList<string> from, string? error, CancellationToken cancellationToken,
        bool keepError = false)
    {
        // Each method names the subset of the table it applies; one outside the table is this class's bug.
        if (from.FirstOrDefault(f => !RunTransitions.Allows(f, to)) is { } illegal)
            throw new InvalidOperationException($"run status {illegal} -> {to} is not in RunTransitions");
        var allowed = from.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var modelId = await db.Runs.Where(r => r.Id == runId).Select(r => (long?)r.ModelId).SingleOrDefaultAsync(cancellationToken);
        if (modelId is null)
            return false;
        var query = db.Runs.Where(r => r.Id == runId && allowed.Contains(r.Status));
        var moved = keepError
            ? await query.ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, to), cancellationToken)
            : await query.ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, to).SetProperty(r => r.Error, error), cancellationToken);
        if (moved > 0)
            await statuses.RefreshAsync(modelId.Value, cancellationToken);
        return moved > 0;
    }
}
