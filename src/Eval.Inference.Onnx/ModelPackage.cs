using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eval.Inference.Onnx;

/// <summary>
/// A model folder as users have it: model.onnx (+ model.onnx.data), tokenizer.json, optional config.json and
/// tokenizer_config.json. Settings are read from config.json, then tokenizer_config.json, then the ONNX metadata.
/// The graph may sit elsewhere as exporters put it (onnx/model.onnx, decoder_model_merged.onnx: <see cref="GraphLayout"/>),
/// with its weights in any external-data files it names (<see cref="ExternalDataFiles"/>).
/// </summary>
public sealed class ModelPackage
{
    public const string ModelFile = "model.onnx";
    public const string ExternalDataFile = "model.onnx.data";
    public const string TokenizerFile = "tokenizer.json";
    public const string ConfigFile = "config.json";
    public const string TokenizerConfigFile = "tokenizer_config.json";

    private ModelPackage(string directory, JsonObject? config, JsonObject? tokenizerConfig, string graphFile = ModelFile)
    {
        Directory = directory;
        GraphFile = graphFile;
        Config = config;
        TokenizerConfig = tokenizerConfig;
    }

    private IReadOnlyList<string>? graphFiles;

    public string Directory { get; }
    public JsonObject? Config { get; }
    public JsonObject? TokenizerConfig { get; }

    /// <summary>The graph's path relative to the folder, with '/': model.onnx unless the layout puts it elsewhere.</summary>
    public string GraphFile { get; }

    public string ModelPath => Path.Combine(Directory, GraphFile);
    public string TokenizerPath => Path.Combine(Directory, TokenizerFile);
    public string ExternalDataPath => Path.Combine(Directory, ExternalDataFile);

    public string Name => Config?["model_name"]?.GetValue<string>() ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory));

    public static ModelPackage Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new ModelPackageException($"model folder '{directory}' does not exist");
        var full = Path.GetFullPath(directory);
        var graph = GraphLayout.Find(full)
            ?? throw new ModelPackageException($"model folder '{directory}' has no {ModelFile} (nor onnx/model.onnx, decoder_model_merged.onnx: see README, Exporting your model)");
        if (!File.Exists(Path.Combine(full, TokenizerFile)))
            throw new ModelPackageException($"model folder '{directory}' has no {TokenizerFile}");
        return new ModelPackage(full, ReadJson(full, ConfigFile), ReadJson(full, TokenizerConfigFile), graph);
    }

    /// <summary>Over the graph and every external-data file it names, in the order it first names them.</summary>
    public string ModelSha256() => FileHashes.Sha256([.. GraphFiles()]);

    /// <summary>The graph and the external-data files it names (checked to be inside the package).</summary>
    /// <remarks>Found once per opened package: reading a graph with inline weights again for each hash and size held
    /// another copy of them (500 MB for 124M parameters) while a model loaded.</remarks>
    public IReadOnlyList<string> GraphFiles() =>
        graphFiles ??= [ModelPath, .. ExternalDataFiles.Resolve(ModelPath, File.ReadAllBytes(ModelPath), GraphFile)];

    /// <summary>The external-data files <see cref="PackageGraph"/> found in the graph's bytes as it read them.</summary>
    internal void KnowExternalData(IReadOnlyList<string> externalDataFiles) => graphFiles = [ModelPath, .. externalDataFiles];

    /// <summary>Bytes of the graph and its external data, as stored.</summary>
    public long GraphBytes() => GraphFiles().Sum(f => new FileInfo(f).Length);

    public string TokenizerSha256() => FileHashes.Sha256(TokenizerPath);

    /// <summary>An integer setting from config.json, else tokenizer_config.json; null when neither has it.</summary>
    public (long Value, string Source)? Setting(string configKey, string? tokenizerConfigKey = null)
    {
        if (Config?[configKey] is JsonValue v && v.TryGetValue<long>(out var fromConfig))
            return (fromConfig, ConfigFile);
        if (tokenizerConfigKey is not null && TokenizerConfig?[tokenizerConfigKey] is JsonValue t && t.TryGetValue<long>(out var fromTokenizer))
            return (fromTokenizer, TokenizerConfigFile);
        return null;
    }

    public string? TokenizerConfigString(string key) =>
        TokenizerConfig?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject? ReadJson(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
            return null;
        try
        {
            using var stream = File.OpenRead(path);
            return JsonNode.Parse(stream) as JsonObject
                ?? throw new ModelPackageException($"{file} is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new ModelPackageException($"{file} is not valid JSON: {e.Message}", e);
        }
    }
}
