using Eval.Data;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs;

/// <summary>
/// Stops a running job when its run is cancelled (or deleted): reads the run's status once a second and cancels
/// <see cref="Token"/>, which the scorer checks between batches. Reading the database rather than an in-process
/// registry works the same whether the worker runs inside the web host or in its own process.
/// </summary>
public sealed class RunCancellationWatcher : IAsyncDisposable
{
    private readonly IDbContextFactory<EvalDbContext> dbFactory;
    private readonly long runId;
    private readonly TimeSpan interval;
    private readonly CancellationTokenSource cancelled;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public RunCancellationWatcher(IDbContextFactory<EvalDbContext> dbFactory, long runId, CancellationToken jobToken, TimeSpan? interval = null)
    {
        this.dbFactory = dbFactory;
        this.runId = runId;
        this.interval = interval ?? TimeSpan.FromSeconds(1);
        cancelled = CancellationTokenSource.CreateLinkedTokenSource(jobToken);
        loop = Task.Run(LoopAsync);
    }

    /// <summary>Cancelled when the job is stopped (shutdown) or the run is cancelled.</summary>
    public CancellationToken Token => cancelled.Token;

    /// <summary>True once the run was seen cancelled or gone.</summary>
    public bool RunCancelled { get; private set; }

    private async Task LoopAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, stop.Token);
                string? status;
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(stop.Token);
                    status = await db.Runs.Where(r => r.Id == runId).Select(r => r.Status).SingleOrDefaultAsync(stop.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A busy database must not stop the run: look again at the next tick.
                    continue;
                }
                if (status is null or RunStatus.Cancelled)
                {
                    RunCancelled = true;
                    await cancelled.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
        cancelled.Dispose();
    }
}
