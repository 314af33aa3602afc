using Eval.Data;
using Eval.Data.Entities;
using Eval.Inference.Onnx;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs;

/// <summary>Registers a model folder by content: the same model.onnx (SHA-256) is one model, however often it comes.</summary>
public sealed class ModelRegistrar(IDbContextFactory<EvalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<ModelEntity> RegisterAsync(string directory, string source, CancellationToken cancellationToken = default)
    {
        var package = ModelPackage.Open(directory);
        var sha = package.ModelSha256();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Models.FirstOrDefaultAsync(m => m.Sha256 == sha, cancellationToken) is { } existing)
        {
            if (existing.Directory != package.Directory && !File.Exists(Path.Combine(existing.Directory, ModelPackage.ModelFile)))
            {
                // The checkout moved: point the model at where its files are now.
                existing.Directory = package.Directory;
                await db.SaveChangesAsync(cancellationToken);
            }
            return existing;
        }

        var model = new ModelEntity
        {
            Name = package.Name,
            Directory = package.Directory,
            Sha256 = sha,
            TokenizerSha256 = package.TokenizerSha256(),
            Architecture = package.Config?["architecture"]?.GetValue<string>() ?? package.Config?["model_type"]?.GetValue<string>() ?? "unknown",
            TokenizerKind = TokenizerKind.Describe(package.TokenizerPath),
            Parameters = package.Setting("parameters")?.Value,
            FileBytes = new FileInfo(package.ModelPath).Length + (File.Exists(package.ExternalDataPath) ? new FileInfo(package.ExternalDataPath).Length : 0),
            VocabSize = (int)(package.Setting("vocab_size")?.Value ?? 0),
            ContextLength = (int)(package.Setting("max_position_embeddings", "model_max_length")?.Value ?? 0),
            Source = source,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Models.Add(model);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return model;
        }
        catch (DbUpdateException)
        {
            // Registered at the same moment by someone else: theirs is the one.
            await using var again = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await again.Models.SingleAsync(m => m.Sha256 == sha, cancellationToken);
        }
    }
}
