using System.IO.Compression;

namespace Eval.TestKit;

/// <summary>
/// Upload material made from the reference models: a copy with other bytes (so it is new content, not a duplicate
/// of the registered reference model), a copy with one file replaced, and zips of a package folder.
/// </summary>
public static class ModelFixtures
{
    public static readonly string[] PackageFiles = ["model.onnx", "tokenizer.json", "config.json", "tokenizer_config.json"];

    /// <summary>Copies a reference model's package files to <paramref name="target"/>, its model.onnx carrying one more metadata entry.</summary>
    public static string DistinctCopy(string referenceModel, string target, string tag)
    {
        Copy(Repo.ReferenceModel(referenceModel), target);
        var onnx = Path.Combine(target, "model.onnx");
        File.WriteAllBytes(onnx, TinyOnnx.WithMetadata(File.ReadAllBytes(onnx), "eval_test_copy", tag));
        return target;
    }

    /// <summary>Copies a reference model's package files (not its fixtures) to <paramref name="target"/>.</summary>
    public static string Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in PackageFiles.Where(f => File.Exists(Path.Combine(source, f))))
            File.Copy(Path.Combine(source, file), Path.Combine(target, file), overwrite: true);
        return target;
    }

    /// <summary>Zips a package folder, its files under <paramref name="folderInZip"/> as a Hugging Face export folder is.</summary>
    public static string Zip(string packageFolder, string zipPath, string folderInZip = "my-model")
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var file in Directory.GetFiles(packageFolder))
            zip.CreateEntryFromFile(file, (folderInZip.Length > 0 ? folderInZip + "/" : "") + Path.GetFileName(file));
        return zipPath;
    }

    /// <summary>A zip whose entries are written as given: name, content, compression, and optionally a Unix mode (e.g. a symbolic link).</summary>
    public static string CraftedZip(string zipPath, params (string Name, byte[] Content, CompressionLevel Level, int? UnixMode)[] entries)
    {
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        foreach (var (name, content, level, mode) in entries)
        {
            var entry = zip.CreateEntry(name, level);
            if (mode is { } m)
                entry.ExternalAttributes = m << 16;
            using var stream = entry.Open();
            stream.Write(content);
        }
        return zipPath;
    }
}
