using Tokenizers.DotNet;

namespace Eval.Inference.Onnx;

/// <summary>A Hugging Face tokenizer.json through the tokenizers library (Rust), never a hand-written BPE.</summary>
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
