namespace Eval.Inference.Onnx.Graph;

/// <summary>A weight stored in the model: name, shape and ONNX element type (1 = float32, 10 = float16).</summary>
public sealed record OnnxInitializer(string Name, IReadOnlyList<long> Dims, int DataType)
{
    public long Elements => Dims.Aggregate(1L, (a, d) => a * d);
}
