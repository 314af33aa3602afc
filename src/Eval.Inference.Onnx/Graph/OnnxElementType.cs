namespace Eval.Inference.Onnx.Graph;

/// <summary>The ONNX TensorProto.DataType values this code writes or checks.</summary>
public static class OnnxElementType
{
    public const int Float = 1;
    public const int Int8 = 3;
    public const int Int64 = 7;
    public const int Float16 = 10;
    public const int BFloat16 = 16;

    public static bool IsHalf(int type) => type is Float16 or BFloat16;
}
