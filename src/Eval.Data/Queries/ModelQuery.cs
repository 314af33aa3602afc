using Eval.Core.Stats;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>Models for the model list and the model page.</summary>
public sealed class ModelQuery(IDbContextFactory<EvalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<Entities.ModelEntity>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().OrderBy(m => m.Name).ToListAsync(cancellationToken);
    }

    public async Task<ModelDetail?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (model is null)
            return null;
        var runs = await db.Runs.AsNoTracking().Where(r => r.ModelId == id).OrderByDescending(r => r.Id).ToListAsync(cancellationToken);
        var runIds = runs.Select(r => r.Id).ToList();
        var stats = await db.RunStats.AsNoTracking()
            .Where(s => runIds.Contains(s.RunId) && s.Level != StatLevel.Subset)
            .ToListAsync(cancellationToken);
        return new ModelDetail(model, runs, stats.ToLookup(s => s.RunId));
    }
}
