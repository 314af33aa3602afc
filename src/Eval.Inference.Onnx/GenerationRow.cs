using Eval.Core.Models;

namespace Eval.Inference.Onnx;

/// <summary>
/// One request's state while its batch decodes: tokens so far, their log-probs and latencies, and how it ended.
/// MaxNew is the request's max tokens, less where the prompt leaves less room in the context window.
/// </summary>
public sealed class GenerationRow(int index, GenerationRequest request, int[] prompt, SeededRandom random, int contextLength)
{
    private readonly List<float> logProbs = [];
    private readonly List<double> latencies = [];
    private double? firstTokenMs;
    private FinishReason? finish;
    private string text = "";

    public int Index { get; } = index;

    public GenerationRequest Request { get; } = request;

    public int[] Prompt { get; } = prompt;

    public SeededRandom Random { get; } = random;

    public int MaxNew { get; } = Math.Max(1, Math.Min(request.MaxTokens, contextLength - prompt.Length));

    public List<int> Generated { get; } = [];

    /// <summary>Takes the next token; false when the row is finished (eos, a stop sequence, or the length limit).</summary>
    public bool Accept(int token, float logProb, double latencyMs, int eosTokenId, HfTokenizer tokenizer)
    {
        firstTokenMs ??= latencyMs;
        if (token == eosTokenId && !Request.IgnoreEos)
        {
            finish = FinishReason.Eos;
            return false;
        }
        Generated.Add(token);
        logProbs.Add(logProb);
        latencies.Add(latencyMs);
        text = tokenizer.Decode(Generated);
        var stop = StopSequences.Find(text, Request.StopSequences);
        if (stop >= 0)
        {
            text = text[..stop];
            finish = FinishReason.Stop;
            return false;
        }
        if (Generated.Count >= MaxNew)
        {
            finish = FinishReason.Length;
            return false;
        }
        return true;
    }

    public GenerationResult Result() => new(text, Generated.ToArray(), logProbs.ToArray(), finish ?? FinishReason.Length,
        Prompt.Length, firstTokenMs ?? 0, latencies.ToArray());
}
