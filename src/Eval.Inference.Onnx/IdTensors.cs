using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Eval.Inference.Onnx;

/// <summary>
/// Integer inputs (input_ids, attention_mask, position_ids, token_type_ids) in the type the graph declares: the
/// engine keeps them as int64, and some exporters (transformers.js conversions, hand-written torch.onnx calls)
/// declare int32, which gets a converted copy.
/// </summary>
public static class IdTensors
{
    public static bool IsIdType(TensorElementType type) => type is TensorElementType.Int64 or TensorElementType.Int32;

    public static OrtValue Create(long[] values, long[] shape, bool int32) =>
        int32
            ? OrtValue.CreateTensorValueFromMemory(Array.ConvertAll(values, v => checked((int)v)), shape)
            : OrtValue.CreateTensorValueFromMemory(values, shape);
}
