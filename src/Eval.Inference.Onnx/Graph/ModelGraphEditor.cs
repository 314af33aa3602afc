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
        var writer = new ProtoWriter();
        var reader = new ProtoReader(model);
        var merged = false;
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == OnnxModelFile.ModelGraph && reader.WireType == WireType.LengthDelimited && !merged)
            {
                var graph = reader.ReadBytes();
                var combined = new byte[graph.Length + graphFields.Length];
                graph.CopyTo(combined);
                graphFields.CopyTo(combined, graph.Length);
                writer.Bytes(OnnxModelFile.ModelGraph, combined);
                merged = true;
                continue;
            }
            reader.Skip();
            writer.Verbatim(model[start..reader.Position]);
        }
        if (!merged)
            throw new InvalidDataException("the ONNX file has no graph");
        return writer.ToArray();
    }
}
