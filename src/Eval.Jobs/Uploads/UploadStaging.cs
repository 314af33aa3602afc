using System.Buffers;
using Eval.Inference.Onnx;
using Eval.Inference.Onnx.Validation;
using Eval.Jobs.Options;

namespace Eval.Jobs.Uploads;

/// <summary>
/// One upload being received: its own folder under the data folder's uploads/, each file streamed to disk in
/// 64 KiB pieces and cut off at the size limit (never held whole in memory). Disposing deletes what is left,
/// so a refused upload leaves nothing behind.
/// </summary>
public sealed class UploadStaging : IDisposable
{
    /// <summary>The files a package may hold; anything else in a zip is ignored.</summary>
    public static readonly IReadOnlyList<string> PackageFiles =
        [ModelPackage.ModelFile, ModelPackage.ExternalDataFile, ModelPackage.TokenizerFile, ModelPackage.ConfigFile, ModelPackage.TokenizerConfigFile];

    private readonly UploadOptions limits;
    private readonly HashSet<string> files = new(StringComparer.Ordinal);

    public UploadStaging(string uploadsDirectory, UploadOptions limits)
    {
        this.limits = limits;
        Root = Path.Combine(uploadsDirectory, DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "-" + Guid.NewGuid().ToString("N")[..12]);
        PackageDirectory = Path.Combine(Root, "package");
        Directory.CreateDirectory(PackageDirectory);
        StagingOwner.Current.WriteTo(Root);
    }

    public string Root { get; }

    /// <summary>The package folder as it will be stored: model.onnx, tokenizer.json, ...</summary>
    public string PackageDirectory { get; }

    public string ZipPath => Path.Combine(Root, "package.zip");

    public bool HasZip { get; private set; }

    public IReadOnlyCollection<string> Files => files;

    public async Task AddFileAsync(string fileName, Stream source, CancellationToken cancellationToken)
    {
        if (!PackageFiles.Contains(fileName))
            throw new ArgumentException($"'{fileName}' is not a package file", nameof(fileName));
        if (!files.Add(fileName))
            throw new ModelValidationException(ValidationCodes.FieldInvalid, $"{fileName} was sent twice");
        var (limit, setting) = LimitFor(fileName, limits);
        await CopyAsync(source, Path.Combine(PackageDirectory, fileName), fileName, limit, cancellationToken, setting: setting);
    }

    /// <summary>
    /// A file the graph keeps weights in, under the name the graph declares (Optimum's model.onnx_data, torch.onnx's
    /// one file per tensor): a plain file name, stored beside model.onnx.
    /// </summary>
    public async Task AddExternalDataAsync(string fileName, Stream source, CancellationToken cancellationToken)
    {
        if (fileName.Length is 0 or > 255 || fileName is "." or ".." || fileName.IndexOfAny(['/', '\\', ':']) >= 0 || fileName.Any(char.IsControl))
            throw new ModelValidationException(ValidationCodes.FieldInvalid,
                $"external data must be sent under the plain file name the graph declares, not '{fileName}'");
        if (PackageFiles.Contains(fileName) && fileName != ModelPackage.ExternalDataFile)
            throw new ModelValidationException(ValidationCodes.FieldInvalid, $"{fileName} is a package file, not external data: send it in its own field");
        if (!files.Add(fileName))
            throw new ModelValidationException(ValidationCodes.FieldInvalid, $"{fileName} was sent twice");
        await CopyAsync(source, Path.Combine(PackageDirectory, fileName), fileName, limits.MaxFileBytes, cancellationToken);
    }

    public async Task AddZipAsync(Stream source, CancellationToken cancellationToken)
    {
        if (HasZip)
            throw new ModelValidationException(ValidationCodes.FieldInvalid, "package (the zip) was sent twice");
        HasZip = true;
        await CopyAsync(source, ZipPath, "the zip", limits.MaxFileBytes, cancellationToken);
    }

    /// <summary>A package file's size limit and the setting that sets it: the small JSON files have their own, below the general one.</summary>
    public static (long Bytes, string Setting) LimitFor(string fileName, UploadOptions limits) =>
        limits.Package.For(fileName) is { } own && own.Bytes < limits.MaxFileBytes ? own : (limits.MaxFileBytes, "Eval:Upload:MaxFileBytes");

    /// <summary>Copies at most <paramref name="limit"/> bytes; more is file_too_large, none is empty_file.</summary>
    public static async Task<long> CopyAsync(Stream source, string path, string label, long limit, CancellationToken cancellationToken,
        string tooLargeCode = ValidationCodes.FileTooLarge, string setting = "Eval:Upload:MaxFileBytes")
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer.AsMemory(0, 1 << 16), cancellationToken)) > 0)
            {
                total += read;
                if (total > limit)
                    throw new ModelValidationException(tooLargeCode, $"{label} is larger than the limit of {limit:N0} bytes ({setting})");
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            if (total == 0)
                throw new ModelValidationException(ValidationCodes.EmptyFile, $"{label} is empty");
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Removes the leftovers of processes killed in the middle of an upload: a folder whose owner (<see cref="StagingOwner"/>)
    /// was a process of this machine that is gone. A folder of another machine (hosts sharing a models folder) cannot
    /// be judged from here: it goes only when older than a day, as does one without an owner record.
    /// </summary>
    public static void DeleteLeftovers(string uploadsDirectory)
    {
        if (!Directory.Exists(uploadsDirectory))
            return;
        foreach (var dir in Directory.GetDirectories(uploadsDirectory))
        {
            var owner = StagingOwner.ReadFrom(dir);
            var orphan = owner is not null && owner.IsThisMachine
                ? !owner.IsAlive()
                : Directory.GetLastWriteTimeUtc(dir) < DateTime.UtcNow.AddDays(-1);
            if (orphan)
                TryDelete(dir);
        }
    }

    public void Dispose() => TryDelete(Root);

    private static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for DeleteLeftovers; a stale staging folder harms nothing.
        }
    }
}
