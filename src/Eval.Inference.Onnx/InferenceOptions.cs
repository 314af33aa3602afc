using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>Eval:Inference settings: device (auto, cpu, cuda), CUDA device id, threads, graph optimisation and batch budget.</summary>
public sealed class InferenceOptions
{
    public const string Auto = "auto";
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";

    public string Device { get; set; } = Auto;

    public int DeviceId { get; set; }

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime use one per physical core.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Threads across independent operators (used only by the parallel execution mode); 0: ONNX Runtime's default.</summary>
    public int InterOpThreads { get; set; }

    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>
    /// Padded tokens per session call. 0 (auto, "auto" on the command line) derives it from
    /// <see cref="LogitsMemoryBudgetBytes"/>: the [tokens, vocab] float32 logits of one call must fit the budget.
    /// </summary>
    public int MaxBatchTokens { get; set; }

    /// <summary>Bytes of logits one call may hold when <see cref="MaxBatchTokens"/> is auto (tokens x vocab x 4).</summary>
    /// <remarks>
    /// 16 MiB (512 tokens of an 8,192-token vocabulary) measured fastest for the reference models on 2 cores: the
    /// logits and their log-softmax stay in cache; 4x larger calls cost about 40% more CPU time per token.
    /// </remarks>
    public long LogitsMemoryBudgetBytes { get; set; } = 16L << 20;

    /// <summary>Rows per session call; the token budget is what usually limits a call.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Log-softmax and the target's log-prob inside the ONNX graph, so full logits never leave the session.</summary>
    public bool ScoreInGraph { get; set; } = true;

    /// <summary>Sequences with a common prefix (minimal pairs) compute it once and continue from its key/value cache.</summary>
    public bool SharePrefixes { get; set; } = true;

    /// <summary>The effective tokens per call for a model with this vocabulary.</summary>
    public int BatchTokens(int vocabSize)
    {
        if (MaxBatchTokens > 0)
            return MaxBatchTokens;
        var tokens = LogitsMemoryBudgetBytes / (Math.Max(1, vocabSize) * (long)sizeof(float));
        return (int)Math.Clamp(tokens, 64, 1 << 20);
    }

    /// <summary>Every setting, as a key: a loaded model keeps the options it was loaded with.</summary>
    public string CacheKey() =>
        $"{Device.ToLowerInvariant()}:{DeviceId}:{IntraOpThreads}:{InterOpThreads}:{GraphOptimizationLevel}:{MaxBatchTokens}:"
        + $"{LogitsMemoryBudgetBytes}:{MaxBatchSize}:{ScoreInGraph}:{SharePrefixes}";

    public InferenceOptions Clone() => (InferenceOptions)MemberwiseClone();
}
