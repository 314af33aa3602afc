namespace Eval.Inference.Onnx.Graph;

/// <summary>Protobuf wire types (the low three bits of a field's tag).</summary>
public enum WireType
{
    Varint = 0,
    Fixed64 = 1,
    LengthDelimited = 2,
    Fixed32 = 5,
}
