using System.Diagnostics;
using Eval.Core.Models;
using Eval.Inference.Onnx;
using Eval.Jobs.Timings;

namespace Eval.Jobs;

/// <summary>
/// The worker's models, from one process-wide pool: a model evaluated on several scenarios (causal or masked) is
/// loaded once and kept warm between its runs, and dropped after <see cref="IdleTimeout"/> with no run using it.
/// </summary>
public sealed class WorkerModels(RunTimings timings) : IDisposable
{
    /// <summary>
    /// Long enough that the first start's scenario-by-scenario order (one run per model per scenario, so a model waits
    /// for the other models' runs in between) finds its models warm on two loaded cores; short enough that a worker
    /// that has served a burst of uploads gives their memory back.
    /// </summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(15);

    private readonly ModelSessionPool pool = new(IdleTimeout);

    public RentedModel Open(string directory, InferenceOptions options, ModelKind? kind = null)
    {
        var started = Stopwatch.GetTimestamp();
        var before = pool.Count;
        var (model, release) = pool.Rent(directory, options, kind ?? ModelKindDetector.KindOrCausal(directory));
        // One worker rents at a time in the suite benchmark, so a pool that grew is this rental's load.
        timings.Opened(directory, loaded: pool.Count > before, started);
        return new RentedModel(model, new Release(release));
    }

    public void Dispose() => pool.Dispose();

    /// <summary>Returns the rental to the pool once, however often it is disposed.</summary>
    private sealed class Release(Action release) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                release();
        }
    }
}
