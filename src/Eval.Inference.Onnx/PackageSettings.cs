using System.Text.Json.Nodes;

namespace Eval.Inference.Onnx;

/// <summary>
/// The settings scoring depends on (vocabulary size, bos/eos ids, context length), read from the standard keys of
/// the common Hugging Face families (gpt2, gpt_neox, llama, mistral, qwen2, phi, opt, bert, roberta, deberta):
/// config.json first, then tokenizer_config.json, then the ONNX metadata; bos/eos last by their token's name in
/// tokenizer.json. Each answer says where it came from. The loader, validation and registration all read here.
/// </summary>
public static class PackageSettings
{
    /// <summary>GPT-2 and phi-msft write n_positions/n_ctx; the others max_position_embeddings.</summary>
    private static readonly string[] ContextKeys = ["max_position_embeddings", "n_positions", "n_ctx", "max_sequence_length", "seq_length"];
    private static readonly string[] VocabKeys = ["vocab_size", "n_vocab", "padded_vocab_size"];
    private static readonly string[] ContextMetadataKeys = ["max_position_embeddings", "n_positions"];

    /// <summary>RoBERTa-style position tables start after the padding id: 514 positions hold 512 tokens.</summary>
    private static readonly HashSet<string> PaddingOffsetFamilies = ["roberta", "xlm-roberta", "camembert", "longformer"];

    /// <summary>
    /// transformers writes model_max_length as int(1e30) when a tokenizer sets no limit; such a value (anything
    /// past this) says nothing about the model.
    /// </summary>
    private const long LargestTokenizerLimit = 1L << 24;

    public static (long Value, string Source)? VocabSize(ModelPackage package, IReadOnlyDictionary<string, string> metadata) =>
        FromConfig(package, VocabKeys) ?? FromMetadata(metadata, "vocab_size");

    public static (long Value, string Source)? ContextLength(ModelPackage package, IReadOnlyDictionary<string, string> metadata)
    {
        if (FromConfig(package, ContextKeys) is { } configured)
        {
            if (configured.Source == $"{ModelPackage.ConfigFile} (max_position_embeddings)" && PaddingOffset(package) is { } offset && configured.Value > offset)
                return (configured.Value - offset, $"{configured.Source} less {offset} padding positions");
            return configured;
        }
        if (Integer(package.TokenizerConfig?["model_max_length"]) is > 0 and <= LargestTokenizerLimit and var limit)
            return (limit, $"{ModelPackage.TokenizerConfigFile} (model_max_length)");
        foreach (var key in ContextMetadataKeys)
            if (FromMetadata(metadata, key) is { } found)
                return found;
        return null;
    }

    /// <param name="name">bos or eos.</param>
    /// <param name="vocabulary">Read only when the id must be found by the token's name.</param>
    public static (long Value, string Source)? TokenId(ModelPackage package, IReadOnlyDictionary<string, string> metadata, string name,
        Func<TokenizerVocabulary> vocabulary)
    {
        var idKey = name + "_token_id";
        if (FromConfig(package, [idKey]) is { } configured)
            return configured;
        if (Integer(package.TokenizerConfig?[idKey]) is { } fromTokenizerConfig)
            return (fromTokenizerConfig, $"{ModelPackage.TokenizerConfigFile} ({idKey})");
        if (FromMetadata(metadata, idKey) is { } fromMetadata)
            return fromMetadata;
        var tokenKey = name + "_token";
        if (TokenName(package.TokenizerConfig?[tokenKey]) is { } token && vocabulary().IdOf(token) is { } id)
            return (id, $"{ModelPackage.TokenizerConfigFile} ({tokenKey} '{token}' in {ModelPackage.TokenizerFile})");
        return null;
    }

    /// <summary>A special token as tokenizer_config.json names it: a string, or transformers' {"content": ...} object.</summary>
    public static string? TokenName(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o when o["content"] is JsonValue c && c.TryGetValue<string>(out var s) => s,
        _ => null,
    };

    private static (long Value, string Source)? FromConfig(ModelPackage package, string[] keys)
    {
        foreach (var key in keys)
            if (Integer(package.Config?[key]) is { } value)
                return (value, $"{ModelPackage.ConfigFile} ({key})");
        return null;
    }

    private static (long Value, string Source)? FromMetadata(IReadOnlyDictionary<string, string> metadata, string key) =>
        metadata.TryGetValue(key, out var raw) && long.TryParse(raw, out var value) ? (value, $"ONNX metadata ({key})") : null;

    /// <summary>An integer, or the first of a list of them (transformers allows eos_token_id: [2, 32000]).</summary>
    private static long? Integer(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < long.MaxValue => (long)d,
        JsonArray { Count: > 0 } a => Integer(a[0]),
        _ => null,
    };

    private static long? PaddingOffset(ModelPackage package)
    {
        var family = package.Config?["model_type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (family is null || !PaddingOffsetFamilies.Contains(family))
            return null;
        return (Integer(package.Config?["pad_token_id"]) ?? 1) + 1;
    }
}
