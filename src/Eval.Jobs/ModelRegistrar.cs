using Eval.Data;
using Eval.Data.Entities;
using Eval.Inference.Onnx;
using Microsoft.EntityFrameworkCore;

namespace Eval.Jobs;

/// <summary>
/// Registers a model folder by content (<see cref="PackageIdentity"/>): the same model.onnx, tokenizer.json and
/// settings are one model, however often they come.
/// </summary>
public sealed class ModelRegistrar(IDbContextFactory<EvalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<ModelEntity> RegisterAsync(string directory, string source, CancellationToken cancellationToken = default)
    {
        var package = ModelPackage.Open(directory);
        var sha = package.ModelSha256();
        var identity = PackageIdentity.Compute(package, sha);
        var same = SameContent(identity, sha, package.TokenizerSha256());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Models.FirstOrDefaultAsync(same, cancellationToken) is { } existing)
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
            if (TokenizerKind.Describe(package.TokenizerPath) is var tokenizer && existing.TokenizerKind != tokenizer)
            {
                // Registered when the tokenizer was named by an older rule (byte-gpt-mini was "byte-level BPE").
                existing.TokenizerKind = tokenizer;
                await db.SaveChangesAsync(cancellationToken);
            }
            if (existing.Family is null && source == ModelSources.Reference && CheckpointOf(package) is { } checkpoint)
            {
                // Registered before families were stored: place it in its training run as config.json says.
                (existing.Family, existing.CheckpointUnit, existing.Checkpoint) = (checkpoint.Family, checkpoint.Unit, checkpoint.Position);
                await db.SaveChangesAsync(cancellationToken);
            }
            return existing;
        }

        var model = Describe(package, sha, source, clock.GetUtcNow().UtcDateTime, identity);
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
            return await again.Models.FirstAsync(same, cancellationToken);
        }
    }

    /// <summary>
    /// The stored model with this content: by identity, or a model stored before identities existed (none recorded)
    /// with the same model and tokenizer files, as such models were known.
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<ModelEntity, bool>> SameContent(PackageIdentity identity, string sha, string tokenizerSha) =>
        m => m.IdentitySha256 == identity.Sha256 || (m.IdentitySha256 == null && m.Sha256 == sha && m.TokenizerSha256 == tokenizerSha);

    /// <summary>
    /// A new model row with what the package's files say of it (name, architecture, sizes); not yet stored. Text
    /// settings are read leniently: an uploaded config.json may hold any JSON.
    /// </summary>
    public static ModelEntity Describe(ModelPackage package, string sha, string source, DateTime createdAt, PackageIdentity identity) => new()
    {
        Family = CheckpointOf(package)?.Family,
        CheckpointUnit = CheckpointOf(package)?.Unit,
        Checkpoint = CheckpointOf(package)?.Position,
        Name = Text(package.Config?["model_name"]) ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(package.Directory)),
        Directory = package.Directory,
        Sha256 = sha,
        IdentitySha256 = identity.Sha256,
        IdentityFiles = identity.Description,
        TokenizerSha256 = package.TokenizerSha256(),
        Architecture = Text(package.Config?["architecture"]) ?? Text(package.Config?["model_type"]) ?? "unknown",
        TokenizerKind = TokenizerKind.Describe(package.TokenizerPath),
        Parameters = package.Setting("parameters")?.Value,
        FileBytes = package.GraphBytes(),
        VocabSize = (int)(PackageSettings.VocabSize(package, NoMetadata)?.Value ?? 0),
        ContextLength = (int)(PackageSettings.ContextLength(package, NoMetadata)?.Value ?? 0),
        Source = source,
        CreatedAt = createdAt,
    };

    private static Families.ModelCheckpoint? CheckpointOf(ModelPackage package) => Families.CheckpointRules.FromConfig(package.Config);

    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();

    private static string? Text(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
