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
            if (existing.Kind is null)
            {
                // Registered before the kind was stored: record what the files say.
                existing.Kind = Core.Models.ModelKinds.Id(ModelKindDetector.KindOrCausal(existing.Directory));
                await db.SaveChangesAsync(cancellationToken);
            }
            return existing;
        }

        var model = Describe(package, sha, source, clock.GetUtcNow().UtcDateTime);
        model.Kind = Core.Models.ModelKinds.Id(ModelKindDetector.KindOrCausal(package.Directory));
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

    /// <summary>
    /// A new model row with what the package's files say of it (name, architecture, sizes); not yet stored. Text
    /// settings are read leniently: an uploaded config.json may hold any JSON.
    /// </summary>
    public static ModelEntity Describe(ModelPackage package, string sha, string source, DateTime createdAt) => new()
    {
        Name = Text(package.Config?["model_name"]) ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(package.Directory)),
        Directory = package.Directory,
        Sha256 = sha,
        TokenizerSha256 = package.TokenizerSha256(),
        Architecture = Text(package.Config?["architecture"]) ?? Text(package.Config?["model_type"]) ?? "unknown",
        TokenizerKind = TokenizerKind.Describe(package.TokenizerPath),
        Parameters = package.Setting("parameters")?.Value,
        FileBytes = new FileInfo(package.ModelPath).Length + (File.Exists(package.ExternalDataPath) ? new FileInfo(package.ExternalDataPath).Length : 0),
        VocabSize = (int)(PackageSettings.VocabSize(package, NoMetadata)?.Value ?? 0),
        ContextLength = (int)(PackageSettings.ContextLength(package, NoMetadata)?.Value ?? 0),
        Source = source,
        CreatedAt = createdAt,
    };

    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    private static string? Text(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
