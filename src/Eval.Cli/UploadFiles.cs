using Eval.Inference.Onnx;
using Eval.Inference.Onnx.Validation;

namespace Eval.Cli;

/// <summary>
/// What `upload` sends from a model folder, by the multipart field the API reads: the graph the export layout rules
/// pick (<see cref="GraphLayout"/>, as `evaluate` and the server's zip reader do) or the one --graph names, as model;
/// every external-data file it names, as external_data under its file name; tokenizer.json; config.json and
/// tokenizer_config.json when present. The folder's problems are found here, before anything is sent.
/// </summary>
public sealed record UploadFiles(IReadOnlyList<(string Field, string Path, string FileName)> Parts)
{
    /// <exception cref="UsageException">The folder, graph, tokenizer or external data cannot be read or sent.</exception>
    public static UploadFiles From(string folder, string? graph)
    {
        if (!Directory.Exists(folder))
            throw new UsageException($"model folder '{folder}' does not exist");
        var full = Path.GetFullPath(folder);
        var chosen = graph is null ? Find(folder, full) : Given(folder, full, graph);
        var graphPath = Path.Combine(full, chosen);
        if (!File.Exists(Path.Combine(full, ModelPackage.TokenizerFile)))
            throw new UsageException($"model folder '{folder}' has no {ModelPackage.TokenizerFile}");

        IReadOnlyList<string> external;
        try
        {
            external = ExternalDataFiles.Resolve(graphPath, File.ReadAllBytes(graphPath), chosen);
        }
        catch (ModelValidationException e)
        {
            throw new UsageException($"{e.Code}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read {chosen} in '{folder}': {e.Message}");
        }

        var parts = new List<(string, string, string)> { ("model", graphPath, ModelPackage.ModelFile) };
        var graphFolder = Path.GetDirectoryName(graphPath)!;
        foreach (var file in external)
        {
            // The server keeps external data beside model.onnx under plain names; a graph whose weights sit in a
            // subfolder can only travel as a zip, which keeps the layout.
            var relative = Path.GetRelativePath(graphFolder, file);
            if (relative.Contains(Path.DirectorySeparatorChar) || relative.Contains('/'))
                throw new UsageException($"{chosen} keeps weights in '{relative.Replace('\\', '/')}', in a subfolder: the API takes external data by plain file name; zip the folder and upload it as package (README, Upload a model)");
            parts.Add(("external_data", file, relative));
        }
        parts.Add(("tokenizer", Path.Combine(full, ModelPackage.TokenizerFile), ModelPackage.TokenizerFile));
        foreach (var (field, name) in new[] { ("config", ModelPackage.ConfigFile), ("tokenizer_config", ModelPackage.TokenizerConfigFile) })
            if (File.Exists(Path.Combine(full, name)))
                parts.Add((field, Path.Combine(full, name), name));
        return new UploadFiles(parts);
    }

    private static string Find(string folder, string full)
    {
        try
        {
            return GraphLayout.Find(full)
                ?? throw new UsageException($"model folder '{folder}' has no {ModelPackage.ModelFile} (nor onnx/model.onnx, decoder_model_merged.onnx: see README, Exporting your model)");
        }
        catch (ModelPackageException e)
        {
            throw new UsageException($"{e.Message.Replace("(the upload form's graph field)", "(--graph)", StringComparison.Ordinal)}");
        }
    }

    private static string Given(string folder, string full, string graph)
    {
        if (!GraphLayout.IsValidChoice(graph))
            throw new UsageException($"--graph must be a relative .onnx path inside the folder (such as onnx/model_fp16.onnx), not '{graph}'");
        return File.Exists(Path.Combine(full, graph)) ? graph : throw new UsageException($"model folder '{folder}' has no {graph}");
    }
}
