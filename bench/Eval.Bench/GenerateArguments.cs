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
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Count(string name, int min) => int.TryParse(Value(), out var n) && n >= min ? n : throw new ArgumentException($"{name} must be an integer >= {min}");
            switch (args[i])
            {
                case "--model": model = Value(); break;
                case "--limit": limit = Count("--limit", 1); break;
                case "--batch-size": batch = Count("--batch-size", 1); break;
                case "--no-peer": runPeer = false; break;
                case "--device": inference.Device = Value(); break;
                case "--threads": inference.IntraOpThreads = Count("--threads", 0); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        if (model is null)
            throw new ArgumentException("--model is required");
        return new GenerateArguments(model, limit, batch, runPeer, inference);
    }
}
