namespace Eval.Inference.Onnx.Graph;

/// <summary>
/// Changes the element type of some graph inputs and outputs without touching the computation: each retyped input
/// keeps its name and feeds a Cast back to the type the graph computes in; each retyped output is produced by a Cast
/// from what the graph computed. The nodes that used the name are pointed at an inner name instead. The loader uses
/// it to give a float16 decoder float32 inputs and outputs (the engine's KV cache and logits buffers are float32).
/// Only the main graph is rewritten: a subgraph (If, Loop) reading a retyped input by name would see the new type,
/// and ONNX Runtime refuses the model on the mismatch rather than computing anything wrong.
/// </summary>
public static class BoundaryCast
{
    // Field numbers of onnx.proto3 (GraphProto, NodeProto, ValueInfoProto, TypeProto, TypeProto.Tensor).
    private const int GraphNode = 1;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int GraphValueInfo = 13;
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensor = 1;
    private const int TensorTypeElement = 1;

    /// <param name="inputs">Graph inputs to retype, each with the element type the graph declares (and computes in).</param>
    /// <param name="outputs">Graph outputs to retype, likewise.</param>
    /// <param name="to">The element type the caller feeds and fetches.</param>
    public static byte[] Retype(ReadOnlySpan<byte> model, IReadOnlyDictionary<string, int> inputs,
        IReadOnlyDictionary<string, int> outputs, int to)
    {
        if (inputs.Keys.Intersect(outputs.Keys).Any())
            throw new ArgumentException("a graph input that is also a graph output cannot be retyped");
        var taken = Names(OnnxModelFile.Parse(model));
        var renamed = inputs.Keys.Concat(outputs.Keys).ToDictionary(n => n, n => InnerName(n, taken));

        var first = new OnnxGraphBuilder();
        foreach (var (name, type) in inputs)
            first.Node("Cast", [name], [renamed[name]], ("to", type));
        var last = new OnnxGraphBuilder();
        foreach (var name in outputs.Keys)
            last.Node("Cast", [renamed[name]], [name], ("to", to));

        var writer = new ProtoWriter();
        var reader = new ProtoReader(model);
        var found = false;
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == OnnxModelFile.ModelGraph && reader.WireType == WireType.LengthDelimited && !found)
            {
                var graph = new ProtoWriter().Verbatim(first.GraphFields());
                RewriteGraph(reader.ReadBytes(), graph, inputs, outputs, renamed, to);
                writer.Bytes(OnnxModelFile.ModelGraph, graph.Verbatim(last.GraphFields()).ToArray());
                found = true;
                continue;
            }
            reader.Skip();
            writer.Verbatim(model[start..reader.Position]);
        }
        if (!found)
            throw new InvalidDataException("the ONNX file has no graph");
        return writer.ToArray();
    }

    private static HashSet<string> Names(OnnxModelFile model) =>
        model.Nodes.SelectMany(n => n.Inputs.Concat(n.Outputs))
            .Concat(model.Inputs.Keys).Concat(model.Outputs.Keys).Concat(model.Initializers.Select(i => i.Name))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The graph-internal name a retyped input or output goes by: one the graph does not use yet.</summary>
    private static string InnerName(string name, HashSet<string> taken)
    {
        var inner = name + "_eval_inner";
        for (var i = 2; taken.Contains(inner); i++)
            inner = $"{name}_eval_inner{i}";
        taken.Add(inner);
        return inner;
    }

    private static void RewriteGraph(ReadOnlySpan<byte> graph, ProtoWriter into, IReadOnlyDictionary<string, int> inputs,
        IReadOnlyDictionary<string, int> outputs, Dictionary<string, string> renamed, int to)
    {
        var seen = new HashSet<string>();
        var reader = new ProtoReader(graph);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            var field = reader.FieldNumber;
            if (reader.WireType != WireType.LengthDelimited || field is not (GraphNode or GraphInput or GraphOutput or GraphValueInfo))
            {
                reader.Skip();
                into.Verbatim(graph[start..reader.Position]);
                continue;
            }
            var message = reader.ReadBytes();
            if (field == GraphNode)
                into.Bytes(field, RenameNode(message, renamed));
            else if (field == GraphValueInfo)
                into.Bytes(field, RenameValueInfo(message, renamed));
            else
            {
                var name = ValueInfoNameOf(message);
                var retyped = field == GraphInput ? inputs.ContainsKey(name) : outputs.ContainsKey(name);
                into.Bytes(field, retyped ? SetElementType(message, to) : message);
                if (retyped)
                    seen.Add(name);
            }
        }
        var missing = inputs.Keys.Concat(outputs.Keys).Where(n => !seen.Contains(n)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"not a graph input or output: {string.Join(", ", missing)}");
    }

    private static byte[] RenameNode(ReadOnlySpan<byte> node, Dictionary<string, string> renamed)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(node);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber is NodeInput or NodeOutput && reader.WireType == WireType.LengthDelimited)
            {
                var field = reader.FieldNumber;
                var name = reader.ReadString();
                writer.String(field, renamed.GetValueOrDefault(name, name));
                continue;
            }
            reader.Skip();
            writer.Verbatim(node[start..reader.Position]);
        }
        return writer.ToArray();
    }

    private static byte[] RenameValueInfo(ReadOnlySpan<byte> valueInfo, Dictionary<string, string> renamed)
    {
        var name = ValueInfoNameOf(valueInfo);
        if (!renamed.TryGetValue(name, out var inner))
            return valueInfo.ToArray();
        return ReplaceField(valueInfo, ValueInfoName, w => w.String(ValueInfoName, inner));
    }

    private static string ValueInfoNameOf(ReadOnlySpan<byte> valueInfo)
    {
        var reader = new ProtoReader(valueInfo);
        while (reader.Next())
        {
            if (reader.FieldNumber == ValueInfoName && reader.WireType == WireType.LengthDelimited)
                return reader.ReadString();
            reader.Skip();
        }
        return "";
    }

    /// <summary>ValueInfoProto.type.tensor_type.elem_type := type; the shape and everything else stay.</summary>
    private static byte[] SetElementType(ReadOnlySpan<byte> valueInfo, int type) =>
        ReplaceMessage(valueInfo, ValueInfoType, typeProto =>
            ReplaceMessage(typeProto, TypeTensor, tensor =>
                ReplaceField(tensor, TensorTypeElement, w => w.Varint(TensorTypeElement, type))));

    private delegate byte[] Rewrite(ReadOnlySpan<byte> message);

    private static byte[] ReplaceMessage(ReadOnlySpan<byte> message, int field, Rewrite rewrite)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == field && reader.WireType == WireType.LengthDelimited)
            {
                writer.Bytes(field, rewrite(reader.ReadBytes()));
                continue;
            }
            reader.Skip();
            writer.Verbatim(message[start..reader.Position]);
        }
        return writer.ToArray();
    }

    private static byte[] ReplaceField(ReadOnlySpan<byte> message, int field, Action<ProtoWriter> write)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(message);
        var written = false;
        while (reader.Next())
        {
            var start = reader.FieldStart;
            reader.Skip();
            if (reader.FieldNumber == field)
            {
                if (!written)
                    write(writer);
                written = true;
                continue;
            }
            writer.Verbatim(message[start..reader.Position]);
        }
        if (!written)
            write(writer);
        return writer.ToArray();
    }
}
