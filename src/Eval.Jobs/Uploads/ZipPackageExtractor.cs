using System.IO.Compression;
using Eval.Inference.Onnx;
using Eval.Inference.Onnx.Validation;
using Eval.Jobs.Options;

namespace Eval.Jobs.Uploads;

/// <summary>
/// Unpacks a Hugging Face style export from a zip, after checking every entry: no absolute paths, no "..", no
/// symbolic links (zip_unsafe_entry), and no bomb: the total and the unpacked/packed ratio stay within the limits,
/// counted again while unpacking because the sizes a zip declares may lie (zip_too_large). Only the package files
/// are taken: the graph (<see cref="GraphLayout"/>: model.onnx, decoder_model_merged.onnx, at the top or under onnx/
/// as transformers.js repositories have it; or the one the uploader named) stored as model.onnx, the external-data
/// files it names from its own folder, and tokenizer/config files from the package's top folder (or the graph's);
/// the rest is ignored.
/// </summary>
public static class ZipPackageExtractor
{
    private const int MaxEntries = 10_000;
    private const long RatioCheckedFrom = 1024 * 1024;

    /// <param name="graph">The graph the uploader chose (e.g. onnx/model_fp16.onnx); null: <see cref="GraphLayout"/>'s order.</param>
    public static async Task ExtractAsync(string zipPath, string targetDirectory, UploadOptions limits, CancellationToken cancellationToken,
        string? graph = null)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException e)
        {
            throw new ModelValidationException(ValidationCodes.ZipUnreadable, $"package is not a readable zip: {e.Message}", e);
        }
        using (archive)
        {
            CheckEntries(archive, limits);
            var (root, chosen) = ChooseGraph(archive, graph);
            var folder = Folder(Name(chosen));
            var budget = limits.MaxZipTotalBytes;
            var modelPath = Path.Combine(targetDirectory, ModelPackage.ModelFile);
            budget -= await UnpackAsync(chosen, modelPath, Math.Min(limits.MaxFileBytes, budget), limits, cancellationToken);
            foreach (var location in DeclaredExternalData(modelPath))
            {
                // Only what the graph names, from its folder, under the same name; validation refuses any that is missing.
                if (Find(archive, folder, location) is { } entry)
                    budget -= await UnpackAsync(entry, Path.Combine(targetDirectory, location), Math.Min(limits.MaxFileBytes, budget), limits, cancellationToken);
            }
            foreach (var file in SettingsFiles)
            {
                var entry = Find(archive, root, file) ?? Find(archive, folder, file);
                if (entry is not null)
                    budget -= await UnpackAsync(entry, Path.Combine(targetDirectory, file), Math.Min(UploadStaging.LimitFor(file, limits).Bytes, budget), limits, cancellationToken);
            }
        }
    }

    private static readonly string[] SettingsFiles = [ModelPackage.TokenizerFile, ModelPackage.ConfigFile, ModelPackage.TokenizerConfigFile];

    /// <summary>The package's top folder in the zip and its graph entry.</summary>
    private static (string Root, ZipArchiveEntry Graph) ChooseGraph(ZipArchive archive, string? graph)
    {
        if (graph is not null)
        {
            var named = archive.Entries.Where(e => Name(e) == graph || Name(e).EndsWith("/" + graph, StringComparison.Ordinal)).ToList();
            if (named.Count != 1)
                throw new ModelValidationException(named.Count == 0 ? ValidationCodes.ModelMissing : ValidationCodes.FieldInvalid,
                    named.Count == 0 ? $"the zip has no {graph} (field graph)" : $"the zip holds {named.Count} files named {graph}: one model per upload");
            return (Name(named[0])[..^graph.Length].TrimEnd('/'), named[0]);
        }
        var known = GraphLayout.Candidates.Select(c => c.Split('/')[^1]).ToHashSet(StringComparer.Ordinal);
        // A graph under onnx/ belongs to the folder above it (a transformers.js repository).
        var graphs = archive.Entries.Where(e => known.Contains(FileName(e))).Select(e =>
        {
            var folder = Folder(Name(e));
            return Path.GetFileName(folder) == "onnx"
                ? (Root: Folder(folder), Relative: "onnx/" + FileName(e), Entry: e)
                : (Root: folder, Relative: FileName(e), Entry: e);
        }).ToList();
        if (graphs.Count == 0)
            throw new ModelValidationException(ValidationCodes.ModelMissing, "the zip has no model.onnx (nor onnx/model.onnx, decoder_model_merged.onnx)");
        var roots = graphs.Select(g => g.Root).Distinct().ToList();
        if (roots.Count > 1 || graphs.GroupBy(g => g.Relative).Any(g => g.Count() > 1))
            throw new ModelValidationException(ValidationCodes.FieldInvalid,
                $"the zip holds {graphs.Count} {Kinds(graphs.Select(g => FileName(g.Entry)))} ({string.Join(", ", graphs.Select(g => Name(g.Entry)))}): one model per upload");
        try
        {
            var relative = GraphLayout.Choose(graphs.Select(g => g.Relative).ToList())!;
            return (roots[0], graphs.Single(g => g.Relative == relative).Entry);
        }
        catch (ModelPackageException e)
        {
            throw new ModelValidationException(ValidationCodes.FieldInvalid, e.Message, e);
        }
    }

    private static string Kinds(IEnumerable<string> names) => names.Distinct().ToList() is [var one] ? one + " files" : "graphs";

    /// <summary>The external-data locations the unpacked graph names that are safe to look up in the zip; none if it does not parse.</summary>
    private static IEnumerable<string> DeclaredExternalData(string graphPath)
    {
        try
        {
            return Inference.Onnx.Graph.ExternalDataLocations.Read(File.ReadAllBytes(graphPath)).Select(l => l.Location).Distinct()
                .Where(l => l.Length > 0 && !l.StartsWith('/') && !l.Contains('\\') && !l.Contains(':') && !l.Split('/').Any(p => p is "" or "." or ".."))
                .ToList();
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }

    private static void CheckEntries(ZipArchive archive, UploadOptions limits)
    {
        if (archive.Entries.Count > MaxEntries)
            throw new ModelValidationException(ValidationCodes.ZipTooLarge, $"the zip has {archive.Entries.Count:N0} entries (at most {MaxEntries:N0})");
        long total = 0, packed = 0;
        foreach (var entry in archive.Entries)
        {
            var name = Name(entry);
            if (name.StartsWith('/') || (name.Length >= 2 && name[1] == ':' && char.IsAsciiLetter(name[0])))
                throw new ModelValidationException(ValidationCodes.ZipUnsafeEntry, $"zip entry '{entry.FullName}' has an absolute path");
            if (name.Split('/').Contains(".."))
                throw new ModelValidationException(ValidationCodes.ZipUnsafeEntry, $"zip entry '{entry.FullName}' points outside the package folder (zip slip)");
            if (((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000)
                throw new ModelValidationException(ValidationCodes.ZipUnsafeEntry, $"zip entry '{entry.FullName}' is a symbolic link");
            if (entry.Length > RatioCheckedFrom && entry.Length > limits.MaxZipRatio * Math.Max(1, entry.CompressedLength))
                throw new ModelValidationException(ValidationCodes.ZipTooLarge,
                    $"zip entry '{entry.FullName}' unpacks {Ratio(entry.Length, entry.CompressedLength)} times its packed size (at most {limits.MaxZipRatio}): a zip bomb?");
            total += entry.Length;
            packed += entry.CompressedLength;
        }
        if (total > limits.MaxZipTotalBytes)
            throw new ModelValidationException(ValidationCodes.ZipTooLarge,
                $"the zip unpacks to {total:N0} bytes, over the limit of {limits.MaxZipTotalBytes:N0} (Eval:Upload:MaxZipTotalBytes)");
        if (total > RatioCheckedFrom && total > limits.MaxZipRatio * Math.Max(1, packed))
            throw new ModelValidationException(ValidationCodes.ZipTooLarge,
                $"the zip unpacks {Ratio(total, packed)} times its packed size (at most {limits.MaxZipRatio}): a zip bomb?");
    }

    /// <summary>Unpacks one entry, stopping as soon as it writes more than it declared or than the limit allows.</summary>
    private static async Task<long> UnpackAsync(ZipArchiveEntry entry, string path, long limit, UploadOptions limits, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
            return 0;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var source = entry.Open();
        var cap = Math.Min(limit, entry.Length);
        try
        {
            return await UploadStaging.CopyAsync(source, path, $"{FileName(entry)} in the zip", cap, cancellationToken, ValidationCodes.ZipTooLarge);
        }
        catch (InvalidDataException e)
        {
            throw new ModelValidationException(ValidationCodes.ZipUnreadable, $"zip entry '{entry.FullName}' cannot be unpacked: {e.Message}", e);
        }
        catch (ModelValidationException e) when (e.Code == ValidationCodes.ZipTooLarge)
        {
            throw new ModelValidationException(ValidationCodes.ZipTooLarge,
                $"zip entry '{entry.FullName}' unpacks to more than {cap:N0} bytes (declared {entry.Length:N0}; limits {limits.MaxFileBytes:N0} per file, {limits.MaxZipTotalBytes:N0} in all)", e);
        }
    }

    private static ZipArchiveEntry? Find(ZipArchive archive, string folder, string file) =>
        archive.Entries.FirstOrDefault(e => Name(e) == (folder.Length == 0 ? file : folder + "/" + file));

    private static string Name(ZipArchiveEntry entry) => entry.FullName.Replace('\\', '/');

    private static string FileName(ZipArchiveEntry entry) => Path.GetFileName(Name(entry));

    private static string Folder(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    private static string Ratio(long unpacked, long packed) => (unpacked / (double)Math.Max(1, packed)).ToString("0");
}
