using Eval.Inference.Onnx;

namespace Eval.Bench;

/// <summary>The generate benchmark's options; see <see cref="BenchApp.Usage"/>.</summary>
public sealed record GenerateArguments(string Model, int Limit, int? BatchSize, bool RunPeer, InferenceOptions Inference)
{
    public const int DefaultLimit = 100;

    public static GenerateArguments Parse(string[] args)
    {
        string? model = null;
        var limit = DefaultLimit;
        int? batch = null;
        var runPeer = true;
        var inference = new InferenceOptions();
        var cursor = new ArgumentCursor(args);
        while (cursor.Next())
        {
            if (InferenceFlags.TryApplyDevice(cursor, inference))
                continue;
            switch (cursor.Current)
            {
                case "--model": model = cursor.Value(); break;
                case "--limit": limit = cursor.Count("--limit", 1); break;
                case "--batch-size": batch = cursor.Count("--batch-size", 1); break;
                case "--no-peer": runPeer = false; break;
                default: throw cursor.Unknown();
            }
        }
        if (model is null)
            throw new ArgumentException("--model is required");
        return new GenerateArguments(model, limit, batch, runPeer, inference);
    }
}
