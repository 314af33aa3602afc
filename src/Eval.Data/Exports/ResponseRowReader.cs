using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Exports;

/// <summary>
/// Streams a run's responses in instance order, merged with the instance stats read in the same order, so an
/// export of 67,000 instances holds one instance in memory at a time.
/// </summary>
public sealed class ResponseRowReader(IDbContextFactory<EvalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<string>> MetricsAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RunStats.Where(s => s.RunId == runId && s.Level == Core.Stats.StatLevel.Overall)
            .Select(s => s.Metric).Distinct().OrderBy(m => m).ToListAsync(cancellationToken);
    }

    public async IAsyncEnumerable<ResponseRow> ReadAsync(long runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var responsesDb = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var statsDb = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stats = statsDb.InstanceStats.AsNoTracking().Where(s => s.RunId == runId)
            .OrderBy(s => s.InstanceId).ThenBy(s => s.Metric)
            .AsAsyncEnumerable().GetAsyncEnumerator(cancellationToken);
        var hasStat = await stats.MoveNextAsync();
        string? currentInstance = null;
        var currentStats = new Dictionary<string, double>();

        await foreach (var r in responsesDb.Responses.AsNoTracking().Where(r => r.RunId == runId)
                           .OrderBy(r => r.InstanceId).ThenBy(r => r.RequestIndex).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (r.InstanceId != currentInstance)
            {
                currentInstance = r.InstanceId;
                currentStats = new Dictionary<string, double>();
                while (hasStat && string.CompareOrdinal(stats.Current.InstanceId, currentInstance) < 0)
                    hasStat = await stats.MoveNextAsync();
                while (hasStat && stats.Current.InstanceId == currentInstance)
                {
                    currentStats[stats.Current.Metric] = stats.Current.Value;
                    hasStat = await stats.MoveNextAsync();
                }
            }
            yield return new ResponseRow(r.RunId, r.InstanceId, r.Subset, r.RequestIndex, r.Prompt, r.Continuation, r.LogProb,
                r.TokenCount, r.IsGreedy, currentStats);
        }
        await stats.DisposeAsync();
    }
}
