using System.Text.Json;

namespace Eval.Inference.Onnx;

/// <summary>
/// tokenizer.json without its post-processor: what Hugging Face's encode(text, add_special_tokens=False) gives.
/// A Llama-style TemplateProcessing (or BERT/RoBERTa processing) would otherwise put its BOS before every encoded
/// text, and the scoring convention adds the model's BOS itself, exactly once. Tokenizers.DotNet's Encode always
/// applies the post-processor, so the file is rewritten; only the post_processor value's bytes change.
/// </summary>
internal static class TokenizerTemplate
{
    /// <returns>The file's bytes with a top-level "post_processor" of null, or null when it has none to remove.</returns>
    public static byte[]? WithoutPostProcessor(byte[] json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPostProcessor = reader.ValueTextEquals("post_processor"u8);
            reader.Read();
            var start = checked((int)reader.TokenStartIndex);
            reader.Skip();
            if (!isPostProcessor)
                continue;
            if (reader.TokenType == JsonTokenType.Null)
                return null;
            var end = checked((int)reader.BytesConsumed);
            return [.. json.AsSpan(0, start), .. "null"u8, .. json.AsSpan(end)];
        }
        return null;
    }
}
