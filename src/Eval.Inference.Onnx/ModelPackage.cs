using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eval.Inference.Onnx;

/// <summary>
/// A model folder as users have it: model.onnx (+ model.onnx.data), tokenizer.json, optional config.json and
/// tokenizer_config.json. Settings are read from config.json, then tokenizer_config.json, then the ONNX metadata.
/// </summary>
public sealed class ModelPackage
{
    public const string ModelFile = "model.onnx";
    public const string ExternalDataFile = "model.onnx.data";
    public const string TokenizerFile = "tokenizer.json";
    public const string ConfigFile = "config.json";
    public const string TokenizerConfigFile = "tokenizer_config.json";

    private ModelPackage(string directory, JsonObject? config, JsonObject? tokenizerConfig)
    {
        Directory = directory;
        Config = config;
        TokenizerConfig = tokenizerConfig;
    }

    public string Directory { get; }
    public JsonObject? Config { get; }
    public JsonObject? TokenizerConfig { get; }

    public string ModelPath => Path.Combine(Directory, ModelFile);
    public string TokenizerPath => Path.Combine(Directory, TokenizerFile);
    public string ExternalDataPath => Path.Combine(Directory, ExternalDataFile);

    public string Name => Config?["model_name"]?.GetValue<string>() ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory));

    public static ModelPackage Open(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new ModelPackageException($"model folder '{directory}' does not exist");
        var full = Path.GetFullPath(directory);
        if (!File.Exists(Path.Combine(full, ModelFile)))
            throw new ModelPackageException($"model folder '{directory}' has no {ModelFile}");
        if (!File.Exists(Path.Combine(full, TokenizerFile)))
            throw new ModelPackageException($"model folder '{directory}' has no {TokenizerFile}");
        return new ModelPackage(full, ReadJson(full, ConfigFile), ReadJson(full, TokenizerConfigFile));
    }

    public string ModelSha256() =>
        File.Exists(ExternalDataPath) ? FileHashes.Sha256(ModelPath, ExternalDataPath) : FileHashes.Sha256(ModelPath);

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
