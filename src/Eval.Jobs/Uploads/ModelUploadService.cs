using System.Text.Json;
using Eval.Core.Models;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Inference.Onnx;
using Eval.Inference.Onnx.Validation;
using Eval.Jobs.Options;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eval.Jobs.Uploads;

/// <summary>
/// Turns a received upload into a stored model: unpacks a zip safely, computes its content identity
/// (<see cref="PackageIdentity"/>: model.onnx (+ .onnx.data), tokenizer.json and the settings scoring uses), answers
/// a duplicate with the existing model, validates (in the request up to Eval:Upload:InlineValidationMaxBytes, else
/// in a queued <see cref="ModelValidationJob"/>), moves the folder to models/&lt;identity&gt;/ and queues the suite.
/// Uploads of the same content wait for each other (a per-identity lock), so they end as one model and one set of runs.
/// </summary>
public sealed class ModelUploadService(
    IDbContextFactory<EvalDbContext> dbFactory,
    EvalPaths paths,
    SuiteScheduler suites,
    RunLifecycle lifecycle,
    IBackgroundJobClient jobs,
    IOptions<UploadOptions> options,
    TimeProvider clock,
    ILogger<ModelUploadService> logger)
{
    public const int MaxNameLength = ModelNameRules.MaxLength;
    public const int MaxDescriptionLength = 2000;

    private readonly KeyedLock locks = new();
    private readonly SemaphoreSlim validations = new(options.Value.MaxConcurrentValidations);

    public UploadOptions Limits => options.Value;

    public IReadOnlyList<string> Groups => suites.Groups;

    public UploadStaging CreateStaging()
    {
        Directory.CreateDirectory(paths.UploadsDirectory);
        return new UploadStaging(paths.UploadsDirectory, options.Value);
    }

    /// <summary>Checks and fills in the uploader's choices; a bad one is field_invalid naming the field.</summary>
    public ModelUploadRequest Normalize(ModelUploadRequest request)
    {
        var name = request.Name?.Trim();
        if (!string.IsNullOrEmpty(name) && ModelNameRules.Problem(name) is { } rule)
            throw Invalid($"name must be {rule}");
        var description = request.Description?.Trim();
        if (description is { Length: > MaxDescriptionLength })
            throw Invalid($"description must be at most {MaxDescriptionLength} characters");
        var suite = string.IsNullOrWhiteSpace(request.Suite) ? SuiteNames.Quick : request.Suite.Trim().ToLowerInvariant();
        if (!SuiteNames.IsKnown(suite))
            throw Invalid($"suite must be {SuiteNames.Quick} or {SuiteNames.Full}, not '{EchoedText.Clip(request.Suite)}'");
        var groups = request.Groups?.Select(g => g.Trim()).Where(g => g.Length > 0).Distinct().ToList() ?? [];
        if (groups.Count == 0)
            groups = [.. suites.Groups];
        if (groups.FirstOrDefault(g => !suites.Groups.Contains(g)) is { } unknown)
            throw Invalid($"unknown scenario group '{EchoedText.Clip(unknown)}' (known: {string.Join(", ", suites.Groups)})");
        var kind = string.IsNullOrWhiteSpace(request.Kind) || request.Kind.Trim() == "auto" ? null : request.Kind.Trim().ToLowerInvariant();
        if (kind is not (null or ModelKinds.Causal or ModelKinds.Masked))
            throw Invalid($"kind must be auto, {ModelKinds.Causal} or {ModelKinds.Masked}, not '{EchoedText.Clip(request.Kind)}'");
        var graph = string.IsNullOrWhiteSpace(request.Graph) ? null : request.Graph.Trim();
        if (graph is not null && !GraphLayout.IsValidChoice(graph))
            throw Invalid($"graph must name a .onnx file inside the zip by its relative path (e.g. onnx/model_fp16.onnx), not '{EchoedText.Clip(request.Graph)}'");
        var queue = string.IsNullOrWhiteSpace(request.Queue) ? options.Value.Queues[0] : request.Queue.Trim().ToLowerInvariant();
        if (!options.Value.Queues.Contains(queue))
            throw Invalid($"queue must be one of {string.Join(", ", options.Value.Queues)}, not '{EchoedText.Clip(request.Queue)}'");
        return request with
        {
            Name = string.IsNullOrEmpty(name) ? null : name,
            Description = string.IsNullOrEmpty(description) ? null : description,
            Suite = suite,
            Groups = groups,
            Kind = kind,
            Queue = queue,
            Graph = graph,
        };
    }

    public async Task<UploadOutcome> AcceptAsync(UploadStaging staging, ModelUploadRequest request, CancellationToken cancellationToken)
    {
        request = Normalize(request);
        if (request.Name is { } typed && await IsReferenceNameAsync(typed, cancellationToken))
            throw Invalid($"name '{typed}' belongs to a reference model: choose another");
        if (staging.HasZip && staging.Files.Count > 0)
            throw Invalid("send either package (a zip) or the separate files, not both");
        if (request.Graph is not null && !staging.HasZip)
            throw Invalid("graph chooses among the graphs of a zip (field package); separate files send the graph as model");
        if (staging.HasZip)
        {
            await ZipPackageExtractor.ExtractAsync(staging.ZipPath, staging.PackageDirectory, options.Value, cancellationToken, request.Graph);
            File.Delete(staging.ZipPath);
        }
        var package = OpenPackage(staging.PackageDirectory, options.Value.Package);
        RequireNamedByTheGraph(staging, package);
        var checkpoint = Families.CheckpointRules.Parse(request.Family, request.CheckpointFields ?? new Dictionary<string, string?>(), package.Config);
        var sha = await Task.Run(package.ModelSha256, cancellationToken);
        var identity = await Task.Run(() => Identity(package, sha), cancellationToken);
        var tokenizerSha = package.TokenizerSha256();
        if (await FindAsync(identity, sha, tokenizerSha, cancellationToken) is { Status: not ModelStatus.Rejected } known)
            return new UploadOutcome(known, Duplicate: true);
        request = request with { Name = request.Name ?? await NameFromConfigAsync(package, cancellationToken) ?? "upload-" + sha[..12] };

        using (await locks.AcquireAsync(identity.Sha256, cancellationToken))
        {
            var found = await FindAsync(identity, sha, tokenizerSha, cancellationToken);
            if (found is { Status: not ModelStatus.Rejected })
                return new UploadOutcome(found, Duplicate: true);

            // Two uploads of one family's checkpoint (other content, so other hash locks) wait for each other: one position, one model.
            using var familyLock = checkpoint is null ? null : await locks.AcquireAsync("family:" + checkpoint.Family, cancellationToken);
            if (checkpoint is not null)
                await CheckCheckpointFreeAsync(checkpoint, cancellationToken);
            var kind = request.Kind is { } stated ? ModelKinds.Parse(stated) : (ModelKind?)null;
            var bytes = package.GraphBytes();
            var validated = bytes <= options.Value.InlineValidationMaxBytes ? await ValidateAsync(staging.PackageDirectory, kind, cancellationToken) : null;
            if (found is not null)
                await RemoveRejectedAsync(found, cancellationToken);

            var target = Path.Combine(paths.ModelsDirectory, identity.Sha256);
            if (!MoveIntoPlace(staging.PackageDirectory, target))
                return new UploadOutcome(await WaitForAsync(identity, sha, tokenizerSha, cancellationToken), Duplicate: true);
            var model = Describe(target, sha, identity, request, validated);
            (model.Family, model.CheckpointUnit, model.Checkpoint) = (checkpoint?.Family, checkpoint?.Unit, checkpoint?.Position);
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                db.Models.Add(model);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Registered meanwhile by another process: theirs is the model.
                    var other = await FindAsync(identity, sha, tokenizerSha, CancellationToken.None);
                    if (other is null)
                        throw;
                    if (!string.Equals(Path.GetFullPath(other.Directory), target, StringComparison.Ordinal))
                        UploadedFiles.Delete(model, paths);
                    return new UploadOutcome(other, Duplicate: true);
                }
            }
            logger.LogInformation("Model {ModelId} ({Name}, {Sha}) uploaded by {Who}; {Validation}", model.Id, model.Name, sha[..12],
                request.UploadedBy, validated is null ? "validation queued" : $"validated: {validated.Kind}, {validated.KindReason}");

            // Inside the lock, so a concurrent duplicate never sees the model without its runs.
            if (validated is not null)
                await suites.ScheduleAsync(model, request.Suite!, request.Groups!, cancellationToken);
            else
                ModelValidationJob.Enqueue(jobs, model);
            await lifecycle.RefreshModelAsync(model.Id, cancellationToken);
            return new UploadOutcome(model, Duplicate: false);
        }
    }

    /// <summary>
    /// Runs <see cref="ModelValidator"/> off the request thread, at most Eval:Upload:MaxConcurrentValidations at once,
    /// each for at most Eval:Upload:ValidationTimeout (then validation_timeout): the deadline stops the model's calls,
    /// and the caller is answered at the deadline even if a call has not stopped yet (its slot frees when it has).
    /// </summary>
    public async Task<ValidatedModel> ValidateAsync(string directory, ModelKind? kind, CancellationToken cancellationToken)
    {
        await validations.WaitAsync(cancellationToken);
        var timeout = options.Value.ValidationTimeout;
        var timer = new CancellationTokenSource(timeout, clock);
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        var work = Task.Run(() => ModelValidator.Validate(directory, kind, options.Value.Package, deadline.Token), CancellationToken.None);
        _ = work.ContinueWith(done =>
        {
            _ = done.Exception;
            deadline.Dispose();
            timer.Dispose();
            validations.Release();
        }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        try
        {
            return await work.WaitAsync(deadline.Token);
        }
        catch (OperationCanceledException e) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Validation of {Folder} stopped after {Timeout}", directory, timeout);
            throw new ModelValidationException(ValidationCodes.ValidationTimeout,
                $"validation did not finish within {timeout.TotalSeconds:0.##} s (a few forward passes on a short text): the model is too slow or loops", e);
        }
        catch (ModelValidationException e) when (e.Message.Contains(Path.GetFullPath(directory), StringComparison.Ordinal))
        {
            // ONNX Runtime names files by their full path: the server's folders are none of the uploader's business.
            var full = Path.GetFullPath(directory);
            throw new ModelValidationException(e.Code, e.Message.Replace(full + Path.DirectorySeparatorChar, "").Replace(full, "the package"), e);
        }
    }

    private static ModelPackage OpenPackage(string directory, PackageLimits limits)
    {
        if (!File.Exists(Path.Combine(directory, ModelPackage.ModelFile)))
            throw new ModelValidationException(ValidationCodes.ModelMissing, "no model.onnx: send the model file (field model) or a zip holding it (field package)");
        if (!File.Exists(Path.Combine(directory, ModelPackage.TokenizerFile)))
            throw new ModelValidationException(ValidationCodes.TokenizerMissing, "no tokenizer.json: send it (field tokenizer) beside model.onnx");
        // Before anything parses them: a huge settings file must cost nothing but its refusal.
        PackageSizeCheck.RequireFilesFit(directory, limits);
        try
        {
            return ModelPackage.Open(directory);
        }
        catch (ModelPackageException e)
        {
            throw new ModelValidationException(ValidationCodes.ConfigUnreadable, e.Message, e);
        }
    }

    /// <summary>
    /// Every external-data file sent must be one the graph names: the content identity covers exactly those, so a
    /// file it does not name would be stored without being part of what the model is.
    /// </summary>
    private static void RequireNamedByTheGraph(UploadStaging staging, ModelPackage package)
    {
        var sent = staging.Files.Where(f => f is not (ModelPackage.ModelFile or ModelPackage.TokenizerFile or ModelPackage.ConfigFile or ModelPackage.TokenizerConfigFile)).ToList();
        if (sent.Count == 0)
            return;
        var used = package.GraphFiles();
        if (sent.FirstOrDefault(f => !used.Contains(Path.Combine(package.Directory, f))) is { } unused)
            throw Invalid($"{unused} was sent as external data, but {ModelPackage.ModelFile} names no such file (it names: {string.Join(", ", used.Skip(1).Select(Path.GetFileName).DefaultIfEmpty("none"))})");
    }

    private static PackageIdentity Identity(ModelPackage package, string sha)
    {
        try
        {
            return PackageIdentity.Compute(package, sha);
        }
        catch (ModelPackageException e)
        {
            // bos/eos named only by their token: tokenizer.json had to be read for the ids.
            throw new ModelValidationException(e is VocabularyTooLargeException ? ValidationCodes.VocabTooLarge : ValidationCodes.TokenizerUnreadable, e.Message, e);
        }
    }

    private ModelEntity Describe(string directory, string sha, PackageIdentity identity, ModelUploadRequest request, ValidatedModel? validated)
    {
        ModelEntity model;
        try
        {
            model = ModelRegistrar.Describe(ModelPackage.Open(directory), sha, ModelSources.Upload, clock.GetUtcNow().UtcDateTime, identity);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ModelPackageException)
        {
            Directory.Delete(directory, recursive: true);
            throw new ModelValidationException(ValidationCodes.TokenizerUnreadable, $"tokenizer.json cannot be read: {e.Message}", e);
        }
        model.Name = request.Name ?? (model.Name == sha ? "upload-" + sha[..12] : model.Name);
        model.Description = request.Description;
        model.Suite = request.Suite;
        model.Groups = string.Join(',', request.Groups!);
        model.Queue = request.Queue!;
        model.UploadedBy = request.UploadedBy;
        model.Status = ModelStatus.Queued;
        if (validated is not null)
        {
            model.Kind = ModelKinds.Id(validated.Kind);
            model.ValidatedAt = model.CreatedAt;
            model.SmokeMillisecondsPerToken = validated.SmokeMillisecondsPerToken;
            if (model.VocabSize == 0)
                model.VocabSize = validated.TokenizerVocabulary;
            if (model.ContextLength == 0)
                model.ContextLength = validated.ContextLength;
        }
        else
            model.Kind = request.Kind;
        return model;
    }

    /// <summary>
    /// Renames the checked folder into place (atomic on one file system). A folder already there belongs to no
    /// model (checked under the lock): a leftover of a process killed before it stored the row; it is replaced.
    /// </summary>
    private bool MoveIntoPlace(string source, string target)
    {
        Directory.CreateDirectory(paths.ModelsDirectory);
        if (Directory.Exists(target))
        {
            logger.LogWarning("Replacing {Folder}: left by an upload that never stored its model", target);
            Directory.Delete(target, recursive: true);
        }
        try
        {
            Directory.Move(source, target);
            return true;
        }
        catch (IOException) when (Directory.Exists(target))
        {
            // Another process moved the same content into place first.
            return false;
        }
    }

    /// <summary>
    /// A family's checkpoints are one run's positions in one unit: the same position twice is checkpoint_duplicate,
    /// another unit checkpoint_invalid (a curve cannot order tokens against steps). Rejected uploads do not count.
    /// </summary>
    private async Task CheckCheckpointFreeAsync(Families.ModelCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var members = await db.Models.AsNoTracking()
            .Where(m => m.Family == checkpoint.Family && m.Status != ModelStatus.Rejected)
            .Select(m => new { m.Name, m.CheckpointUnit, m.Checkpoint })
            .ToListAsync(cancellationToken);
        if (members.FirstOrDefault(m => m.CheckpointUnit is not null && m.CheckpointUnit != checkpoint.Unit) is { } other)
            throw new ModelValidationException(ValidationCodes.CheckpointInvalid,
                $"family '{checkpoint.Family}' counts its checkpoints in {other.CheckpointUnit} (e.g. {other.Name}): send checkpoint_{other.CheckpointUnit}");
        if (members.FirstOrDefault(m => m.Checkpoint == checkpoint.Position) is { } same)
            throw new ModelValidationException(ValidationCodes.CheckpointDuplicate,
                $"family '{checkpoint.Family}' already has a checkpoint at {checkpoint.Position} {checkpoint.Unit}: {same.Name}");
    }

    private async Task<ModelEntity> WaitForAsync(PackageIdentity identity, string sha, string tokenizerSha, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await FindAsync(identity, sha, tokenizerSha, cancellationToken) is { } model)
                return model;
            await Task.Delay(100, cancellationToken);
        }
        throw new InvalidOperationException($"models/{identity.Sha256} appeared but no model was stored for it");
    }

    private async Task RemoveRejectedAsync(ModelEntity rejected, CancellationToken cancellationToken)
    {
        // The same content comes again after a rejection: validate it afresh (the validator may have improved).
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.ModelId == rejected.Id).ExecuteDeleteAsync(cancellationToken);
        await db.Models.Where(m => m.Id == rejected.Id).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<ModelEntity?> FindAsync(PackageIdentity identity, string sha, string tokenizerSha, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().FirstOrDefaultAsync(ModelRegistrar.SameContent(identity, sha, tokenizerSha), cancellationToken);
    }

    /// <summary>
    /// config.json's model_name, when the uploader typed none: the rules of a typed name (<see cref="ModelNameRules"/>);
    /// a reference model's name is not taken over (null: the upload is named by its hash).
    /// </summary>
    private async Task<string?> NameFromConfigAsync(ModelPackage package, CancellationToken cancellationToken)
    {
        if (package.Config?["model_name"] is not { } node)
            return null;
        if (node is not System.Text.Json.Nodes.JsonValue value || !value.TryGetValue<string>(out var text))
            throw Invalid("config.json's model_name must be text; or give the model a name (field name)");
        text = text.Trim();
        if (text.Length == 0)
            return null;
        if (ModelNameRules.Problem(text) is { } rule)
            throw Invalid($"config.json's model_name must be {rule}; or give the model a name (field name)");
        return await IsReferenceNameAsync(text, cancellationToken) ? null : text;
    }

    private async Task<bool> IsReferenceNameAsync(string name, CancellationToken cancellationToken)
    {
        var lower = name.ToLowerInvariant();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Models.AnyAsync(m => m.Source == ModelSources.Reference && m.Name.ToLower() == lower, cancellationToken);
    }

    private static ModelValidationException Invalid(string message) => new(ValidationCodes.FieldInvalid, message);
}
