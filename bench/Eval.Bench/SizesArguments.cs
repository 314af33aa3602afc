using Eval.Inference.Onnx;

namespace Eval.Bench;

/// <summary>The sizes benchmark's options; see <see cref="BenchApp.Usage"/>.</summary>
public sealed record SizesArguments(
    int Limit,
    IReadOnlyList<string> Sizes,
    string? ModelsDirectory,
    int PeerBatch,
    bool RunPeer,
    InferenceOptions Inference)
{
    public const int DefaultLimit = 300;

    /// <summary>What bench/peer/make_size_models.py builds: random GPT-2-style models, 124m with GPT-2 small's shape.</summary>
    public static readonly IReadOnlyList<string> KnownSizes = ["3m", "30m", "124m"];

    public static SizesArguments Parse(string[] args, int peerBatch = 64)
    {
        var limit = DefaultLimit;
        IReadOnlyList<string> sizes = KnownSizes;
        string? models = null;
        var runPeer = true;
        var inference = new InferenceOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Count(string name, int min) => int.TryParse(Value(), out var n) && n >= min ? n : throw new ArgumentException($"{name} must be an integer >= {min}");
            switch (args[i])
            {
                case "--limit": limit = Count("--limit", 1); break;
                case "--sizes":
                    sizes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (sizes.Count == 0 || sizes.Any(s => !KnownSizes.Contains(s)))
                        throw new ArgumentException($"--sizes takes a comma-separated list of {string.Join(", ", KnownSizes)}");
                    break;
                case "--models": models = Value(); break;
                case "--peer-batch": peerBatch = Count("--peer-batch", 1); break;
                case "--no-peer": runPeer = false; break;
                case "--device": inference.Device = Value(); break;
                case "--threads": inference.IntraOpThreads = Count("--threads", 0); break;
                case "--max-batch-size": inference.MaxBatchSize = Count("--max-batch-size", 1); break;
                case "--max-batch-tokens":
                    var value = Value();
                    inference.MaxBatchTokens = value == "auto" ? 0
                        : int.TryParse(value, out var tokens) && tokens > 0 ? tokens
                        : throw new ArgumentException("--max-batch-tokens must be auto or a positive integer");
                    break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        return new SizesArguments(limit, sizes, models, peerBatch, runPeer, inference);
    }
}
