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
        var cursor = new ArgumentCursor(args);
        while (cursor.Next())
        {
            if (InferenceFlags.TryApply(cursor, inference))
                continue;
            switch (cursor.Current)
            {
                case "--model": model = cursor.Value(); break;
                case "--limit": limit = cursor.Count("--limit", 0); break;
                case "--peer-batch": peerBatch = cursor.Count("--peer-batch", 1); break;
                case "--no-peer": runPeer = false; break;
                default: throw cursor.Unknown();
            }
        }
        if (model is null)
            throw new ArgumentException("--model is required");
        return new BlimpArguments(model, limit, peerBatch, runPeer, inference);
    }
}
