namespace Eval.Inference.Onnx;

/// <summary>Eval:Inference settings: device (auto, cpu, cuda), CUDA device id, threads and batch budget.</summary>
public sealed class InferenceOptions
{
    public const string Auto = "auto";
    public const string Cpu = "cpu";
    public const string Cuda = "cuda";

    public string Device { get; set; } = Auto;

    public int DeviceId { get; set; }

    /// <summary>0 lets ONNX Runtime use one thread per physical core.</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Padded tokens per session call when scoring; bounds the [batch, sequence, vocab] logits held at once.</summary>
    public int MaxBatchTokens { get; set; } = 4096;

    public int MaxBatchSize { get; set; } = 128;
}
