using System.IO.Compression;
using Eval.Inference.Onnx;
using Eval.Inference.Onnx.Validation;
using Eval.Jobs.Options;

namespace Eval.Jobs.Uploads;

/// <summary>
/// Unpacks a Hugging Face style export from a zip, after checking every entry: no absolute paths, no "..", no
/// symbolic links (zip_unsafe_entry), and no bomb: the total and the unpacked/packed ratio stay within the limits,
/// counted again while unpacking because the sizes a zip declares may lie (zip_too_large). Only the package files
/// are taken, from the folder holding model.onnx (or its parent, for an onnx/ subfolder); the rest is ignored.
/// </summary>
public static class ZipPackageExtractor
{
    private const int MaxEntries = 10_000;
    private const long RatioCheckedFrom = 1024 * 1024;

    public static async Task ExtractAsync(string zipPath, string targetDirectory, UploadOptions limits, CancellationToken cancellationToken)
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
            var models = archive.Entries.Where(e => FileName(e) == ModelPackage.ModelFile).ToList();
            if (models.Count == 0)
                throw new ModelValidationException(ValidationCodes.ModelMissing, "the zip has no model.onnx");
            if (models.Count > 1)
                throw new ModelValidationException(ValidationCodes.FieldInvalid,
                    $"the zip holds {models.Count} model.onnx files ({string.Join(", ", models.Select(Name))}): one model per upload");
            var folder = Folder(Name(models[0]));
            var parent = folder.Length == 0 ? null : Folder(folder);
            var budget = limits.MaxZipTotalBytes;
            foreach (var file in UploadStaging.PackageFiles)
            {
                var entry = Find(archive, folder, file) ?? (parent is null ? null : Find(archive, parent, file));
                if (entry is not null)
                    budget -= await UnpackAsync(entry, Path.Combine(targetDirectory, file), Math.Min(UploadStaging.LimitFor(file, limits).Bytes, budget), limits, cancellationToken);
            }
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
