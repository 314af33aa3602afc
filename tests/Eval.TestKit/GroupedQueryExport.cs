using Eval.Inference.Onnx.Graph;

namespace Eval.TestKit;

/// <summary>
/// Adapts a decoder whose cache is built as <c>present.X = Concat(past_key_values.X, new, axis=2)</c> (the
/// reference exports) into grouped-query attention: chosen layers keep only <c>kvHeads</c> key/value heads in
/// their cache ([batch, kvHeads, past, head_dim] in and out), and attention reads them repeated to every query
/// head, as Llama/Mistral/Qwen exports do. Layers may differ (per-layer key/value shapes). The weights are the
/// reference's; the new tokens' keys and values are those of the first kvHeads heads, so the model is a different
/// but self-consistent one: scoring through its cache must equal recomputing from scratch.
/// </summary>
public static class GroupedQueryExport
{
    // Field numbers of onnx.proto3.
    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int GraphValueInfo = 13;
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeOpType = 4;
    private const int ValueInfoName = 1;

    /// <param name="kvHeads">Layer index to its key/value heads; layers not named keep the original.</param>
    public static byte[] Adapt(byte[] model, int heads, int headDim, IReadOnlyDictionary<int, int> kvHeads)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(model);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == ModelGraph && reader.WireType == WireType.LengthDelimited)
            {
                writer.Bytes(ModelGraph, Graph(reader.ReadBytes(), heads, headDim, kvHeads));
                continue;
            }
            reader.Skip();
            writer.Verbatim(model.AsSpan(start, reader.Position - start));
        }
        return writer.ToArray();
    }

    /// <summary>The cache tensor name's layer ("past_key_values.3.key" and "present.3.value" are layer 3), or -1.</summary>
    private static int Layer(string name)
    {
        var parts = name.Split('.');
        return parts.Length == 3 && parts[0] is "past_key_values" or "present" && int.TryParse(parts[1], out var layer) ? layer : -1;
    }

    private static byte[] Graph(ReadOnlySpan<byte> graph, int heads, int headDim, IReadOnlyDictionary<int, int> kvHeads)
    {
        int? Kv(string name) => kvHeads.TryGetValue(Layer(name), out var kv) ? kv : null;
        string Full(string present) => "gqa/" + present + "/full";
        var constants = new SortedSet<long>();
        string Constant(long value)
        {
            constants.Add(value);
            return "gqa/const_" + value;
        }

        var writer = new ProtoWriter();
        var reader = new ProtoReader(graph);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.WireType != WireType.LengthDelimited || reader.FieldNumber is not (GraphNode or GraphInput or GraphOutput or GraphValueInfo))
            {
                reader.Skip();
                writer.Verbatim(graph[start..reader.Position]);
                continue;
            }
            var field = reader.FieldNumber;
            var bytes = reader.ReadBytes().ToArray();
            if (field == GraphNode)
            {
                var (op, inputs, outputs) = Node(bytes);
                if (op == "Concat" && outputs.Count == 1 && Kv(outputs[0]) is { } kv && outputs[0].StartsWith("present.", StringComparison.Ordinal))
                {
                    var present = outputs[0];
                    var fresh = new OnnxGraphBuilder()
                        .Node("Slice", [inputs[1], Constant(0), Constant(kv), Constant(1)], ["gqa/" + present + "/new"])
                        .Node("Concat", [inputs[0], "gqa/" + present + "/new"], [present], ("axis", 2));
                    // Query head h reads key/value head h / (heads / kv), as repeat_kv does.
                    var repeated = new List<string>();
                    for (var j = 0; j < kv; j++)
                    {
                        fresh.Node("Slice", [present, Constant(j), Constant(j + 1), Constant(1)], [$"gqa/{present}/head{j}"]);
                        repeated.AddRange(Enumerable.Repeat($"gqa/{present}/head{j}", heads / kv));
                    }
                    fresh.Node("Concat", [.. repeated], [Full(present)], ("axis", 1));
                    writer.Verbatim(fresh.GraphFields());
                }
                else
                    writer.Bytes(GraphNode, RenameInputs(bytes, name => Kv(name) is not null && name.StartsWith("present.", StringComparison.Ordinal) ? Full(name) : name));
                continue;
            }
            var valueName = ValueInfoNameOf(bytes);
            if (Kv(valueName) is { } heads1 && field != GraphValueInfo)
            {
                var fresh = new OnnxGraphBuilder();
                if (field == GraphInput)
                    fresh.Input(valueName, OnnxElementType.Float, ["batch", (long)heads1, "past_sequence", (long)headDim]);
                else
                    fresh.Output(valueName, OnnxElementType.Float, ["batch", (long)heads1, "total_sequence", (long)headDim]);
                writer.Verbatim(fresh.GraphFields());
            }
            else if (!(field == GraphValueInfo && Kv(valueName) is not null))
                writer.Bytes(field, bytes);
        }
        var initializers = new OnnxGraphBuilder();
        foreach (var value in constants)
            initializers.Initializer("gqa/const_" + value, OnnxElementType.Int64, [1], BitConverter.GetBytes(value));
        return writer.Verbatim(initializers.GraphFields()).ToArray();
    }

    private static (string Op, List<string> Inputs, List<string> Outputs) Node(byte[] node)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var op = "";
        var reader = new ProtoReader(node);
        while (reader.Next())
        {
            if (reader.FieldNumber == NodeInput && reader.WireType == WireType.LengthDelimited)
                inputs.Add(reader.ReadString());
            else if (reader.FieldNumber == NodeOutput && reader.WireType == WireType.LengthDelimited)
                outputs.Add(reader.ReadString());
            else if (reader.FieldNumber == NodeOpType && reader.WireType == WireType.LengthDelimited)
                op = reader.ReadString();
            else
                reader.Skip();
        }
        return (op, inputs, outputs);
    }

    private static byte[] RenameInputs(byte[] node, Func<string, string> rename)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(node);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == NodeInput && reader.WireType == WireType.LengthDelimited)
                writer.String(NodeInput, rename(reader.ReadString()));
            else
            {
                reader.Skip();
                writer.Verbatim(node.AsSpan(start, reader.Position - start));
            }
        }
        return writer.ToArray();
    }

    private static string ValueInfoNameOf(byte[] info)
    {
        var reader = new ProtoReader(info);
        while (reader.Next())
        {
            if (reader.FieldNumber == ValueInfoName && reader.WireType == WireType.LengthDelimited)
                return reader.ReadString();
            reader.Skip();
        }
        return "";
    }
}
