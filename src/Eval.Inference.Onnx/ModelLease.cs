namespace Eval.Inference.Onnx;

/// <summary>A rented model from <see cref="ModelSessionPool"/>: use Model, then dispose the lease (not the model).</summary>
public sealed class ModelLease(OnnxLanguageModel model, Action release) : IDisposable
{
    private int released;

    public OnnxLanguageModel Model { get; } = model;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref released, 1) == 0)
            release();
    }
}
