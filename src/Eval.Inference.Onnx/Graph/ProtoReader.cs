namespace Eval.Inference.Onnx.Graph;

/// <summary>
/// Reads protobuf wire format field by field. ONNX files are protobuf; this is all the model editing and weight
/// counting need, so no generated ONNX classes or protobuf package are pulled in.
/// </summary>
public ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public int FieldNumber { get; private set; }

    public WireType WireType { get; private set; }

    /// <summary>Where the current field's tag started; with <see cref="Position"/> it delimits the whole field.</summary>
    public int FieldStart { get; private set; }

    public readonly int Position => position;

    public bool Next()
    {
        if (position >= data.Length)
            return false;
        FieldStart = position;
        var tag = ReadVarint();
        FieldNumber = (int)(tag >> 3);
        WireType = (WireType)(tag & 7);
        return true;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= data.Length)
                throw new InvalidDataException("truncated protobuf varint");
            var b = data[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
                return result;
        }
        throw new InvalidDataException("protobuf varint longer than 10 bytes");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = checked((int)ReadVarint());
        if (length < 0 || position + length > data.Length)
            throw new InvalidDataException("truncated protobuf field");
        var slice = data.Slice(position, length);
        position += length;
        return slice;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes());

    /// <summary>A repeated int64 field, packed (one length-delimited run) or not (one value per field).</summary>
    public void ReadInt64s(List<long> into)
    {
        if (WireType == WireType.LengthDelimited)
        {
            var inner = new ProtoReader(ReadBytes());
            while (inner.position < inner.data.Length)
                into.Add((long)inner.ReadVarint());
        }
        else
        {
            into.Add((long)ReadVarint());
        }
    }

    public void Skip()
    {
        switch (WireType)
        {
            case WireType.Varint: ReadVarint(); break;
            case WireType.Fixed64: position += 8; break;
            case WireType.LengthDelimited: ReadBytes(); break;
            case WireType.Fixed32: position += 4; break;
            default: throw new InvalidDataException($"unsupported protobuf wire type {WireType}");
        }
        if (position > data.Length)
            throw new InvalidDataException("truncated protobuf field");
    }
}
