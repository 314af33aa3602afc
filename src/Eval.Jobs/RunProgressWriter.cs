using Eval.Core.Runner;
using Eval.Data;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs;

/// <summary>
/// Keeps the run's done count in the database fresh while a chunk is being scored, at most once a second,
/// so pages can show live progress without the scorer waiting on the database.
/// </summary>
public sealed class RunProgressWriter : IProgress<RunProgress>, IAsyncDisposable
{
    private readonly IDbContextFactory<EvalDbContext> dbFactory;
    private readonly long runId;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int latest = -1;
    private int written = -1;

    public RunProgressWriter(IDbContextFactory<EvalDbContext> dbFactory, long runId)
    {
        this.dbFactory = dbFactory;
        this.runId = runId;
        loop = Task.Run(LoopAsync);
    }

    public void Report(RunProgress value) => Interlocked.Exchange(ref latest, value.Done);

    private async Task LoopAsync()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stop.Token);
                var done = Volatile.Read(ref latest);
                if (done <= written)
                    continue;
                await using var db = await dbFactory.CreateDbContextAsync(stop.Token);
                // Never move backwards: the chunk store writes the exact count after each chunk.
                await db.Runs.Where(r => r.Id == runId && r.Done < done)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Done, done), stop.Token);
                written = done;
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
    }
}
