using Eval.Inference.Onnx.Graph;
using Eval.Inference.Onnx.Validation;

namespace Eval.Inference.Onnx;

/// <summary>
/// The files a graph keeps its weights in (ONNX external data: Optimum's model.onnx_data, torch.onnx's one file per
/// tensor, model.onnx.data), checked before any session is built: each location must be a plain relative path that
/// stays inside the graph's own folder, symbolic links resolved, and the file must be there. A location such as
/// appsettings.json or ../other-model/config.json would otherwise let an uploaded "model" read the server's files.
/// Messages quote the location as the graph declares it, never a server path.
/// </summary>
public static class ExternalDataFiles
{
    /// <summary>Full paths of the files the graph uses, each once, in the order the graph first names them.</summary>
    /// <param name="graphLabel">How messages name the graph (model.onnx, onnx/model.onnx).</param>
    /// <exception cref="ModelValidationException">external_data_outside_package or external_data_missing.</exception>
    public static IReadOnlyList<string> Resolve(string graphPath, ReadOnlySpan<byte> graph, string graphLabel)
    {
        IReadOnlyList<(string Tensor, string Location)> declared;
        try
        {
            declared = ExternalDataLocations.Read(graph);
        }
        catch (InvalidDataException)
        {
            // Not an ONNX file: ONNX Runtime refuses it with its own reason, and it can name no file.
            return [];
        }
        var folder = Path.GetDirectoryName(Path.GetFullPath(graphPath))!;
        var files = new List<string>();
        foreach (var (tensor, location) in declared)
        {
            var path = Confine(folder, tensor, location, graphLabel);
            if (!File.Exists(path))
                throw new ModelValidationException(ValidationCodes.ExternalDataMissing,
                    $"{graphLabel} keeps tensor '{tensor}' in '{location}', which the package does not have: send that file beside {Path.GetFileName(graphLabel)}");
            if (!files.Contains(path))
                files.Add(path);
        }
        return files;
    }

    private static string Confine(string folder, string tensor, string location, string graphLabel)
    {
        ModelValidationException Outside(string why) => new(ValidationCodes.ExternalDataOutsidePackage,
            $"{graphLabel} keeps tensor '{tensor}' in '{location}', {why}: external data must be a file inside the model's folder, named relative to it");
        if (location.Length == 0 || location.Contains('\0'))
            throw Outside("which is not a file name");
        if (Path.IsPathRooted(location) || location.StartsWith('\\') || (location.Length >= 2 && location[1] == ':'))
            throw Outside("an absolute path");
        if (location.Split('/', '\\').Contains(".."))
            throw Outside("a path that climbs out with '..'");
        var full = Path.GetFullPath(Path.Combine(folder, location));
        if (!full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw Outside("a path outside the model's folder");
        if (!IsInside(RealPath(folder), RealPath(full)))
            throw Outside("a symbolic link that points outside the model's folder");
        return full;
    }

    private static bool IsInside(string folder, string path) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symbolic link along it resolved (a missing tail is kept as written).</summary>
    private static string RealPath(string full, int depth = 0)
    {
        if (depth > 40)
            throw new ModelValidationException(ValidationCodes.ExternalDataOutsidePackage, "external data path: too many levels of symbolic links");
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is { } target)
                current = RealPath(Path.GetFullPath(target, Path.GetDirectoryName(current)!), depth + 1);
        }
        return current;
    }
}
