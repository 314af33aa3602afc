using System.Diagnostics;
using Eval.Core.Models;
using Eval.Inference.Onnx;
using Eval.Jobs.Timings;

namespace Eval.Jobs;

/// <summary>
/// The worker's models: causal LMs come from one process-wide pool (a model evaluated on several scenarios is
/// loaded once, and dropped after five idle minutes); masked LMs are loaded per run.
/// </summary>
public sealed class WorkerModels(RunTimings timings) : IDisposable
{
    private readonly ModelSessionPool pool = new(TimeSpan.FromMinutes(5));

    public RentedModel Open(string directory, InferenceOptions options, ModelKind? kind = null)
    {
        var started = Stopwatch.GetTimestamp();
        if ((kind ?? ModelKindDetector.KindOrCausal(directory)) == ModelKind.Masked)
        {
            var masked = LanguageModelLoader.Load(directory, options, ModelKind.Masked);
            timings.Opened(directory, loaded: true, started);
            return new RentedModel(masked, masked);
        }
        var before = pool.Count;
        var lease = pool.Rent(directory, options);
        // One worker rents at a time in the benchmark, so a pool that grew is this rental's load.
        timings.Opened(directory, loaded: pool.Count > before, started);
        return new RentedModel(lease.Model, lease);
    }

    public void Dispose() => pool.Dispose();
}
