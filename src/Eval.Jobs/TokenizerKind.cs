using System.Text.Json;

namespace Eval.Jobs;

/// <summary>A readable name for a tokenizer.json's model: byte-level BPE, BPE, Unigram, WordPiece, or bytes.</summary>
public static class TokenizerKind
{
    public static string Describe(string tokenizerJsonPath)
    {
        using var stream = File.OpenRead(tokenizerJsonPath);
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var type = root.TryGetProperty("model", out var model) && model.TryGetProperty("type", out var t) ? t.GetString() ?? "unknown" : "unknown";
        var byteLevel = root.TryGetProperty("pre_tokenizer", out var pre) && pre.ValueKind == JsonValueKind.Object
            && pre.TryGetProperty("type", out var preType) && preType.GetString() == "ByteLevel";
        var vocab = model.ValueKind == JsonValueKind.Object && model.TryGetProperty("vocab", out var v) && v.ValueKind == JsonValueKind.Object
            ? v.EnumerateObject().Count() : 0;
        // A BPE without merges never joins two bytes: it is a byte tokenizer whatever special tokens its vocabulary adds (byte-gpt-mini: 257, 0 merges).
        var merges = model.ValueKind == JsonValueKind.Object && model.TryGetProperty("merges", out var m) && m.ValueKind == JsonValueKind.Array
            ? m.GetArrayLength() : 0;
        return (type, byteLevel) switch
        {
            ("BPE", true) when vocab <= 256 || merges == 0 => "bytes",
            ("BPE", true) => "byte-level BPE",
            _ => type,
        };
    }
}
