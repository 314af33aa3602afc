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
        var cursor = new ArgumentCursor(args);
        while (cursor.Next())
        {
            if (InferenceFlags.TryApply(cursor, inference))
                continue;
            switch (cursor.Current)
            {
                case "--limit": limit = cursor.Count("--limit", 1); break;
                case "--sizes":
                    sizes = cursor.Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (sizes.Count == 0 || sizes.Any(s => !KnownSizes.Contains(s)))
                        throw new ArgumentException($"--sizes takes a comma-separated list of {string.Join(", ", KnownSizes)}");
                    break;
                case "--models": models = cursor.Value(); break;
                case "--peer-batch": peerBatch = cursor.Count("--peer-batch", 1); break;
                case "--no-peer": runPeer = false; break;
                default: throw cursor.Unknown();
            }
        }
        return new SizesArguments(limit, sizes, models, peerBatch, runPeer, inference);
    }
}
