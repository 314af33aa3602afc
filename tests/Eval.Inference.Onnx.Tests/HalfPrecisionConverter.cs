using System.Buffers.Binary;
using Eval.Inference.Onnx.Graph;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// Turns a float32 ONNX model into one that computes in float16 (or bfloat16) throughout, as `--fp16` exporters
/// do: float32 initializers and Constant/ConstantOfShape tensors are stored in the new type, Cast-to-float32
/// becomes Cast-to-the-new-type, float32 graph inputs and outputs are declared in it, and the exporter's
/// value_info (float32 shapes) is dropped for ONNX Runtime to infer again.
/// </summary>
public sealed class HalfPrecisionConverter(int type)
{
    // Field numbers of onnx.proto3 (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto, TypeProto).
    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int GraphValueInfo = 13;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;
    private const int AttributeName = 1;
    private const int AttributeInt = 3;
    private const int AttributeTensor = 5;
    private const int TensorDataType = 2;
    private const int TensorFloatData = 4;
    private const int TensorRawData = 9;
    private const int ValueInfoType = 2;
    private const int TypeTensor = 1;
    private const int TensorTypeElement = 1;

    public byte[] Model(ReadOnlySpan<byte> model) =>
        Rewrite(model, (field, message, into) =>
        {
            if (field != ModelGraph)
                return false;
            into.Bytes(field, Graph(message));
            return true;
        });

    private byte[] Graph(ReadOnlySpan<byte> graph) =>
        Rewrite(graph, (field, message, into) =>
        {
            switch (field)
            {
                case GraphInitializer: into.Bytes(field, Tensor(message)); return true;
                case GraphNode: into.Bytes(field, Node(message)); return true;
                case GraphInput or GraphOutput: into.Bytes(field, ValueInfo(message)); return true;
                // Shapes inferred by the exporter name float32 types: ONNX Runtime infers them again.
                case GraphValueInfo: return true;
                default: return false;
            }
        });

    /// <summary>float32 weights (raw or packed float_data) become float16 raw data; other types stay as they are.</summary>
    private byte[] Tensor(ReadOnlySpan<byte> tensor)
    {
        var stored = 0;
        var reader = new ProtoReader(tensor);
        while (reader.Next())
        {
            if (reader.FieldNumber == TensorDataType)
                stored = (int)reader.ReadVarint();
            else
                reader.Skip();
        }
        if (stored != OnnxElementType.Float)
            return tensor.ToArray();

        var floats = new List<byte>();
        var writer = new ProtoWriter();
        reader = new ProtoReader(tensor);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber is TensorRawData or TensorFloatData)
            {
                if (reader.WireType != WireType.LengthDelimited)
                    throw new NotSupportedException("unpacked float_data");
                floats.AddRange(reader.ReadBytes());
            }
            else if (reader.FieldNumber == TensorDataType)
                reader.Skip();
            else
            {
                reader.Skip();
                writer.Verbatim(tensor[start..reader.Position]);
            }
        }
        var raw = floats.ToArray();
        var half = new byte[raw.Length / 2];
        for (var i = 0; i < raw.Length / 4; i++)
        {
            var value = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4));
            BinaryPrimitives.WriteUInt16LittleEndian(half.AsSpan(i * 2), type == OnnxElementType.Float16
                ? BitConverter.HalfToUInt16Bits((Half)value)
                : BFloat16Bits(value));
        }
        return writer.Varint(TensorDataType, type).Bytes(TensorRawData, half).ToArray();
    }

    /// <summary>Cast-to-float32 becomes Cast-to-float16; tensor attributes (Constant, ConstantOfShape) are converted.</summary>
    private byte[] Node(ReadOnlySpan<byte> node)
    {
        var op = "";
        var reader = new ProtoReader(node);
        while (reader.Next())
        {
            if (reader.FieldNumber == NodeOpType)
                op = reader.ReadString();
            else
                reader.Skip();
        }
        return Rewrite(node, (field, message, into) =>
        {
            if (field != NodeAttribute)
                return false;
            into.Bytes(field, Attribute(message, op));
            return true;
        });
    }

    private byte[] Attribute(ReadOnlySpan<byte> attribute, string op)
    {
        var name = "";
        var reader = new ProtoReader(attribute);
        while (reader.Next())
        {
            if (reader.FieldNumber == AttributeName)
                name = reader.ReadString();
            else
                reader.Skip();
        }
        return Rewrite(attribute, (field, message, into) =>
        {
            if (field == AttributeTensor)
            {
                into.Bytes(field, Tensor(message));
                return true;
            }
            return false;
        }, (field, value, into) =>
        {
            if (op != "Cast" || name != "to" || field != AttributeInt || value != OnnxElementType.Float)
                return false;
            into.Varint(field, type);
            return true;
        });
    }

    private byte[] ValueInfo(ReadOnlySpan<byte> valueInfo) =>
        Rewrite(valueInfo, (field, typeProto, into) =>
        {
            if (field != ValueInfoType)
                return false;
            into.Bytes(field, Rewrite(typeProto, (f, tensor, i) =>
            {
                if (f != TypeTensor)
                    return false;
                i.Bytes(f, Rewrite(tensor, null, (tf, value, w) =>
                {
                    if (tf != TensorTypeElement || value != OnnxElementType.Float)
                        return false;
                    w.Varint(tf, type);
                    return true;
                }));
                return true;
            }));
            return true;
        });

    /// <summary>float32 to bfloat16, rounding to nearest even (NaN stays NaN).</summary>
    private static ushort BFloat16Bits(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
            return (ushort)((bits >> 16) | 0x40);
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

private delegate bool MessageField(int field, ReadOnlySpan<byte> message, ProtoWriter into);

private delegate bool VarintField(int field, long value, ProtoWriter into);

/// <summary>Copies a message field by field; a handler that returns true has written its own replacement.</summary>
private static byte[] Rewrite(ReadOnlySpan<byte> message, MessageField? onMessage, VarintField? onVarint = null)
{
    var writer = new ProtoWriter();
    var reader = new ProtoReader(message);
    while (reader.Next())
    {
        var start = reader.FieldStart;
        var field = reader.FieldNumber;
        if (reader.WireType == WireType.LengthDelimited && onMessage is not null)
        {
            var inner = reader.ReadBytes();
            if (!onMessage(field, inner, writer))
                writer.Verbatim(message[start..reader.Position]);
            continue;
        }
        if (reader.WireType == WireType.Varint && onVarint is not null)
        {
            var value = (long)reader.ReadVarint();
            if (!onVarint(field, value, writer))
                writer.Verbatim(message[start..reader.Position]);
            continue;
        }
        reader.Skip();
        writer.Verbatim(message[start..reader.Position]);
    }
    return writer.ToArray();
}
}
