using Eval.Inference.Onnx;

namespace Eval.Bench;

/// <summary>The options that set the inference engine, shared by the benchmarks that run a model.</summary>
public static class InferenceFlags
{
    /// <summary>--device and --threads; false when the option at hand is neither.</summary>
    public static bool TryApplyDevice(ArgumentCursor cursor, InferenceOptions inference)
    {
        switch (cursor.Current)
        {
            case "--device": inference.Device = cursor.Value(); return true;
            case "--threads": inference.IntraOpThreads = cursor.Count("--threads", 0); return true;
            default: return false;
        }
    }

    /// <summary>The device options and the scorer's batching switches; false when the option at hand is none of them.</summary>
    public static bool TryApply(ArgumentCursor cursor, InferenceOptions inference)
    {
        if (TryApplyDevice(cursor, inference))
            return true;
        switch (cursor.Current)
        {
            case "--max-batch-size": inference.MaxBatchSize = cursor.Count("--max-batch-size", 1); return true;
            case "--no-share-prefixes": inference.SharePrefixes = false; return true;
            case "--no-score-in-graph": inference.ScoreInGraph = false; return true;
            case "--max-batch-tokens":
                var value = cursor.Value();
                inference.MaxBatchTokens = value == "auto" ? 0
                    : int.TryParse(value, out var tokens) && tokens > 0 ? tokens
                    : throw new ArgumentException("--max-batch-tokens must be auto or a positive integer");
                return true;
            default: return false;
        }
    }
}
