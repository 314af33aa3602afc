using System.Text.Json;

namespace Eval.Inference.Onnx;

/// <summary>
/// The token strings of a tokenizer.json by id, and which ids are special (added tokens marked special).
/// Tokenizers.DotNet gives ids only; masked scoring needs the strings (word starts) and the special ids.
/// </summary>
public sealed class TokenizerVocabulary
{
    private readonly string?[] tokens;
    private readonly Dictionary<string, int> ids;

    private TokenizerVocabulary(string?[] tokens, Dictionary<string, int> ids, IReadOnlySet<int> specialIds)
    {
        this.tokens = tokens;
        this.ids = ids;
        SpecialIds = specialIds;
    }

    public IReadOnlySet<int> SpecialIds { get; }

    public int Count => tokens.Length;

    public string? TokenOf(int id) => id >= 0 && id < tokens.Length ? tokens[id] : null;

    public int? IdOf(string token) => ids.TryGetValue(token, out var id) ? id : null;

    /// <param name="maxIds">Ids at or above this are refused before the id table is allocated.</param>
    public static TokenizerVocabulary Read(string tokenizerJsonPath, int maxIds = PackageLimits.MaxTokenIds)
    {
        try
        {
            using var stream = File.OpenRead(tokenizerJsonPath);
            using var doc = JsonDocument.Parse(stream);
            var root = doc.RootElement;
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            if (root.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.Object
                && model.TryGetProperty("vocab", out var vocab))
            {
                if (vocab.ValueKind == JsonValueKind.Object)
                    foreach (var entry in vocab.EnumerateObject())
                        ids[entry.Name] = Id(entry.Value, entry.Name);
                else if (vocab.ValueKind == JsonValueKind.Array)
                {
                    // Unigram: [[piece, score], ...], the id is the index.
                    var index = 0;
                    foreach (var entry in vocab.EnumerateArray())
                        ids[entry[0].GetString() ?? ""] = index++;
                }
            }

            var special = new HashSet<int>();
            if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
                foreach (var token in added.EnumerateArray())
                {
                    var id = Id(token.GetProperty("id"), token.GetProperty("content").GetString());
                    ids[token.GetProperty("content").GetString() ?? ""] = id;
                    if (token.TryGetProperty("special", out var s) && s.ValueKind == JsonValueKind.True)
                        special.Add(id);
                }

            var largest = ids.Count == 0 ? -1 : ids.Values.Max();
            if (largest >= maxIds || (ids.Count > 0 && ids.Values.Min() < 0))
                throw new VocabularyTooLargeException(
                    $"{ModelPackage.TokenizerFile} has token id {(largest >= maxIds ? largest : ids.Values.Min())}: ids must lie in 0..{maxIds - 1} (Eval:Upload:MaxVocabularySize)");
            var byId = new string?[largest + 1];
            foreach (var (token, id) in ids)
                byId[id] = token;
            return new TokenizerVocabulary(byId, ids, special);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new ModelPackageException($"{ModelPackage.TokenizerFile} cannot be read: {e.Message}", e);
        }
    }

    /// <summary>
    /// Ids index a table: a negative one (an uploaded file may hold anything) is unreadable; one too large for the
    /// table is refused by the configured limit (vocab_too_large) before anything is allocated.
    /// </summary>
    private static int Id(JsonElement value, string? token)
    {
        var id = value.GetInt32();
        if (id < 0)
            throw new ModelPackageException($"{ModelPackage.TokenizerFile}: token '{token?[..Math.Min(token.Length, 40)]}' has id {id}; ids must not be negative");
        return id;
    }
}
