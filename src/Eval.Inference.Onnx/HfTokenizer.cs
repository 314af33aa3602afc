using System.Text.Json;
using Tokenizers.DotNet;

namespace Eval.Inference.Onnx;

/// <summary>
/// A Hugging Face tokenizer.json through the tokenizers library (Rust), never a hand-written BPE. The constructor
/// keeps the file's post-processor (a masked LM's &lt;s&gt; ... &lt;/s&gt; template); <see cref="WithoutSpecialTokens"/>
/// encodes as add_special_tokens=False does, which is how a causal LM's requests are tokenized.
/// </summary>
public sealed class HfTokenizer : IDisposable
{
    private readonly Tokenizer tokenizer;
    private readonly Lock gate = new();

    public HfTokenizer(string tokenizerJsonPath)
    {
        try
        {
            tokenizer = new Tokenizer(tokenizerJsonPath);
        }
        catch (Exception e) when (e is TokenizerException or IOException)
        {
            throw new ModelPackageException($"tokenizer.json cannot be read: {e.Message}", e);
        }
    }

    /// <summary>The tokenizer with its post-processor removed: encoding a text adds no BOS, CLS or SEP of its own.</summary>
    public static HfTokenizer WithoutSpecialTokens(string tokenizerJsonPath)
    {
        byte[]? plain;
        try
        {
            plain = TokenizerTemplate.WithoutPostProcessor(File.ReadAllBytes(tokenizerJsonPath));
        }
        catch (JsonException e)
        {
            throw new ModelPackageException($"tokenizer.json cannot be read: {e.Message}", e);
        }
        if (plain is null)
            return new HfTokenizer(tokenizerJsonPath);
        // The library loads only from a path; the copy is read once, in the constructor.
        var copy = Path.Combine(Path.GetTempPath(), $"eval-tokenizer-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllBytes(copy, plain);
            return new HfTokenizer(copy);
        }
        finally
        {
            File.Delete(copy);
        }
    }

    public int[] Encode(string text)
    {
        if (text.Length == 0)
            return [];
        uint[] ids;
        lock (gate)
            ids = tokenizer.Encode(text);
        var result = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
            result[i] = (int)ids[i];
        return result;
    }

    public string Decode(IReadOnlyList<int> ids)
    {
        var raw = new uint[ids.Count];
        for (var i = 0; i < raw.Length; i++)
            raw[i] = (uint)ids[i];
        lock (gate)
            return tokenizer.Decode(raw);
    }

    public void Dispose() => tokenizer.Dispose();
}
