using System.Text;

namespace Eval.Inference.Onnx.Graph;

/// <summary>Writes protobuf wire format; nested messages are written by a child writer and copied in with their length.</summary>
public sealed class ProtoWriter
{
    private readonly MemoryStream buffer = new();

    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, WireType.Varint);
        Raw((ulong)value);
        return this;
    }

    public ProtoWriter Float(int field, float value)
    {
        Tag(field, WireType.Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BitConverter.TryWriteBytes(bytes, value);
        buffer.Write(bytes);
        return this;
    }

    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, WireType.LengthDelimited);
        Raw((ulong)value.Length);
        buffer.Write(value);
        return this;
    }

    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public ProtoWriter Message(int field, Action<ProtoWriter> write)
    {
        var child = new ProtoWriter();
        write(child);
        return Bytes(field, child.ToArray());
    }

    /// <summary>Bytes already in wire format (fields copied from another message).</summary>
    public ProtoWriter Verbatim(ReadOnlySpan<byte> fields)
    {
        buffer.Write(fields);
        return this;
    }

    public byte[] ToArray() => buffer.ToArray();

    private void Tag(int field, WireType type) => Raw(((ulong)field << 3) | (ulong)type);

    private void Raw(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        buffer.WriteByte((byte)value);
    }
}
