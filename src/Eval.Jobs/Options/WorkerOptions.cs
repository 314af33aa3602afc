using System.ComponentModel.DataAnnotations;

namespace Eval.Jobs.Options;

/// <summary>Eval:Worker: whether this host runs jobs, which queues it serves and how many at once.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Eval:Worker";

    public bool InProcess { get; set; } = true;

    /// <summary>
    /// Queues this worker serves: cpu, and cuda on a machine with a GPU. Empty here so that configuration replaces the
    /// list instead of adding to it (the binder appends to an array's initial items); <see cref="ServedQueues"/> applies the default.
    /// </summary>
    public string[] Queues { get; set; } = [];

    /// <summary>The configured queues, lower case, each once; cpu when none is configured.</summary>
    public string[] ServedQueues()
    {
        var queues = Queues.Where(q => !string.IsNullOrWhiteSpace(q)).Select(q => q.Trim().ToLowerInvariant()).Distinct().ToArray();
        return queues.Length > 0 ? queues : [RunSchedulerDefaults.Queue];
    }

    /// <summary>One run at a time: ONNX Runtime already uses every core for one session.</summary>
    [Range(1, 64)]
    public int WorkerCount { get; set; } = 1;

    /// <summary>Instances per stored chunk: small enough that a kill loses little, large enough to batch well.</summary>
    [Range(1, 100_000)]
    public int ChunkSize { get; set; } = 500;

    /// <summary>A run may score for this many times its expected time (<see cref="RunDeadline"/>) before it is stopped and failed.</summary>
    [Range(0.001, 1e6)]
    public double RunDeadlineFactor { get; set; } = 20;

    /// <summary>The least time any run is given, however small its expected time: loading, a busy machine and warm-up cost seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RunDeadlineMinimum { get; set; } = TimeSpan.FromMinutes(5);
}
