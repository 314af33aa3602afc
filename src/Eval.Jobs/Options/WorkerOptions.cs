using System.ComponentModel.DataAnnotations;

namespace Eval.Jobs.Options;

/// <summary>Eval:Worker: whether this host runs jobs, which queues it serves and how many at once.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Eval:Worker";

    public bool InProcess { get; set; } = true;

    [MinLength(1)]
    public string[] Queues { get; set; } = ["cpu"];

    /// <summary>One run at a time: ONNX Runtime already uses every core for one session.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 1;

    /// <summary>Instances per stored chunk: small enough that a kill loses little, large enough to batch well.</summary>
    [Range(1, 100_000)]
    public int ChunkSize { get; set; } = 500;
}
