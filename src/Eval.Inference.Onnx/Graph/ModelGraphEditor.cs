namespace Eval.Inference.Onnx.Graph;

/// <summary>
/// Merges a graph fragment into a ModelProto's main graph. Protobuf concatenation appends repeated fields, so the
/// new nodes, inputs and outputs are written after the graph's own bytes and every other field is copied verbatim;
/// initializers stay where they are (inline or in model.onnx.data).
/// </summary>
public static class ModelGraphEditor
{
    public static byte[] MergeIntoGraph(ReadOnlySpan<byte> model, byte[] graphFields)
    {
        var reader = new ProtoReader(model);
        while (reader.Next())
        {
            if (reader.FieldNumber != OnnxModelFile.ModelGraph || reader.WireType != WireType.LengthDelimited)
            {
                reader.Skip();
                continue;
            }
            // One array of the final size: a model with inline weights is as large as they are (500 MB for 124M
            // parameters), and a growing buffer plus its copies held several times that while a model loaded.
            var start = reader.FieldStart;
            var graph = reader.ReadBytes();
            var end = reader.Position;
            Span<byte> header = stackalloc byte[20];
            var headerLength = Varint(header, ((ulong)OnnxModelFile.ModelGraph << 3) | (ulong)WireType.LengthDelimited);
            headerLength += Varint(header[headerLength..], (ulong)(graph.Length + graphFields.Length));
            var merged = new byte[start + headerLength + graph.Length + graphFields.Length + (model.Length - end)];
            var at = 0;
            void Write(ReadOnlySpan<byte> part)
            {
                part.CopyTo(merged.AsSpan(at));
                at += part.Length;
            }
            Write(model[..start]);
            Write(header[..headerLength]);
            Write(graph);
            Write(graphFields);
            Write(model[end..]);
            return merged;
        }
        throw new InvalidDataException("the ONNX file has no graph");
    }

    private static int Varint(Span<byte> into, ulong value)
    {
        var length = 0;
        while (value >= 0x80)
        {
            into[length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        into[length++] = (byte)value;
        return length;
    }
}
