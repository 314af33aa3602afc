using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>The Jobs page: runs queued or going, and the latest failures with their messages.</summary>
public sealed class JobsQuery(IDbContextFactory<EvalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<RunEntity>> RecentFailuresAsync(int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Include(r => r.Model)
            .Where(r => r.Status == RunStatus.Failed)
            .OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);
    }

    /// <summary>The newest run that wanted CUDA and ran on the CPU instead, with ONNX Runtime's reason; null when none did.</summary>
    public async Task<RunEntity?> LatestCudaFallbackAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking()
            .Where(r => r.ProviderReason != null && r.ProviderReason.StartsWith(Core.Models.ExecutionProviderChoice.CudaFallbackPrefix))
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RunEntity>> RecentlyFinishedAsync(int count = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().Include(r => r.Model)
            .Where(r => r.Status == RunStatus.Finished)
            .OrderByDescending(r => r.FinishedAt).Take(count).ToListAsync(cancellationToken);
    }
}
