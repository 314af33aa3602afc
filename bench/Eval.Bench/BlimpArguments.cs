using Eval.Inference.Onnx;

namespace Eval.Bench;

/// <summary>The blimp benchmark's options; see <see cref="BenchApp.Usage"/>.</summary>
public sealed record BlimpArguments(
    string Model,
    int Limit,
    int PeerBatch,
    bool RunPeer,
    InferenceOptions Inference)
{
    public static BlimpArguments Parse(string[] args, int peerBatch = 64)
    {
        string? model = null;
        var limit = 0;
        var runPeer = true;
        var inference = new InferenceOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Count(string name, int min) => int.TryParse(Value(), out var n) && n >= min ? n : throw new ArgumentException($"{name} must be an integer >= {min}");
            switch (args[i])
            {
                case "--model": model = Value(); break;
                case "--limit": limit = Count("--limit", 0); break;
                case "--peer-batch": peerBatch = Count("--peer-batch", 1); break;
                case "--no-peer": runPeer = false; break;
                case "--device": inference.Device = Value(); break;
                case "--threads": inference.IntraOpThreads = Count("--threads", 0); break;
                case "--max-batch-size": inference.MaxBatchSize = Count("--max-batch-size", 1); break;
                case "--no-share-prefixes": inference.SharePrefixes = false; break;
                case "--no-score-in-graph": inference.ScoreInGraph = false; break;
                case "--max-batch-tokens":
                    var value = Value();
                    inference.MaxBatchTokens = value == "auto" ? 0
                        : int.TryParse(value, out var tokens) && tokens > 0 ? tokens
                        : throw new ArgumentException("--max-batch-tokens must be auto or a positive integer");
                    break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        if (model is null)
            throw new ArgumentException("--model is required");
        return new BlimpArguments(model, limit, peerBatch, runPeer, inference);
    }
}
