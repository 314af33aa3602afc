using Eval.Core.Models;
using Eval.Inference.Onnx;

namespace Eval.Jobs;

/// <summary>
/// The worker's models: causal LMs come from one process-wide pool (a model evaluated on several scenarios is
/// loaded once, and dropped after five idle minutes); masked LMs are loaded per run.
/// </summary>
public sealed class WorkerModels : IDisposable
{
    private readonly ModelSessionPool pool = new(TimeSpan.FromMinutes(5));

    public RentedModel Open(string directory, InferenceOptions options, ModelKind? kind = null)
    {
        if ((kind ?? ModelKindDetector.KindOrCausal(directory)) == ModelKind.Masked)
        {
            var masked = LanguageModelLoader.Load(directory, options, ModelKind.Masked);
            return new RentedModel(masked, masked);
        }
        var lease = pool.Rent(directory, options);
        return new RentedModel(lease.Model, lease);
    }

    public void Dispose() => pool.Dispose();
}
