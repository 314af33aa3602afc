using System.Text.Json.Nodes;
using Eval.TestKit;

namespace Eval.Inference.Onnx.Tests;

/// <summary>tokenizer.json of every kind goes through the Hugging Face library: byte-level BPE, bytes, and Unigram.</summary>
public sealed class TokenizerTests
{
    [Theory]
    [InlineData("gpt-nano-bpe4k", "Once upon a time", new[] { 47, 1266, 553, 259, 574 })]
    [InlineData("byte-gpt-mini", " a", new[] { 220, 64 })]
    public void Encode_GivesFixtureIds_ForBpeAndByteTokenizers(string model, string text, int[] ids)
    {
        using var tokenizer = new HfTokenizer(Path.Combine(Repo.ReferenceModel(model), "tokenizer.json"));

        Assert.Equal(ids, tokenizer.Encode(text));
        Assert.Equal(text, tokenizer.Decode(ids));
    }

    [Fact]
    public void Encode_SplitsByUnigramScores_ForSentencePieceStyleTokenizer()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("tokenizer.json"), UnigramTokenizerJson());
        using var tokenizer = new HfTokenizer(temp.File("tokenizer.json"));

        // "▁cats" is not in the vocabulary: the best-scoring split is "▁cat" + "s", not "▁c" + "at" + "s".
        Assert.Equal([1, 2, 6], tokenizer.Encode("the cats"));
        Assert.Equal("the cats", tokenizer.Decode([1, 2, 6]));
        // An unknown character becomes <unk>, after the word-start piece "▁".
        Assert.Equal([1, 5, 0], tokenizer.Encode("the x"));
    }

    [Fact]
    public void Load_RefusesUnreadableTokenizerJson()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("tokenizer.json"), "{\"model\": 3}");

        var error = Assert.Throws<ModelPackageException>(() => new HfTokenizer(temp.File("tokenizer.json")));

        Assert.StartsWith("tokenizer.json cannot be read", error.Message);
    }

    /// <summary>A SentencePiece-style Unigram tokenizer.json with a seven-piece vocabulary.</summary>
    private static string UnigramTokenizerJson()
    {
        var metaspace = new JsonObject { ["type"] = "Metaspace", ["replacement"] = "▁", ["prepend_scheme"] = "always", ["split"] = true };
        var vocab = new JsonArray();
        foreach (var (piece, score) in new[] { ("<unk>", 0.0), ("▁the", -1.0), ("▁cat", -2.0), ("▁c", -3.0), ("at", -3.0), ("▁", -4.0), ("s", -4.0) })
            vocab.Add(new JsonArray(piece, score));
        var json = new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = new JsonArray(new JsonObject
            {
                ["id"] = 0, ["content"] = "<unk>", ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false,
                ["normalized"] = false, ["special"] = true,
            }),
            ["normalizer"] = null,
            ["pre_tokenizer"] = metaspace.DeepClone(),
            ["post_processor"] = null,
            ["decoder"] = metaspace.DeepClone(),
            ["model"] = new JsonObject { ["type"] = "Unigram", ["unk_id"] = 0, ["vocab"] = vocab, ["byte_fallback"] = false },
        };
        return json.ToJsonString();
    }
}
