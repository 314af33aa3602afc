using Eval.Inference.Onnx.Graph;

namespace Eval.TestKit;

/// <summary>
/// Rewrites a decoder with a key/value cache the way Optimum's merged export (decoder_model_merged.onnx) is built:
/// a required bool input <c>use_cache_branch</c> chooses between two branches of one If node that share the outer
/// graph's weights. The with-cache branch is the original decoder; the no-cache branch first cuts every past to
/// length 0, as a decoder without cache inputs would see it, so it is right only on a first call: a caller that
/// feeds the flag wrong gets wrong scores or an error, never the right answer by luck.
/// </summary>
public static class OptimumMergedExport
{
    // Field numbers of onnx.proto3 (ModelProto, GraphProto, NodeProto, AttributeProto, ValueInfoProto).
    private const int ModelGraph = 7;
    private const int GraphNode = 1;
    private const int GraphName = 2;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int GraphValueInfo = 13;
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int AttributeName = 1;
    private const int AttributeGraph = 6;
    private const int AttributeType = 20;
    private const int AttributeTypeGraph = 5;
    private const int ValueInfoName = 1;
    private const int Bool = 9;
    private const string PastPrefix = "past_key_values.";

    public static byte[] Wrap(byte[] model)
    {
        var file = OnnxModelFile.Parse(model);
        var outer = file.Inputs.Keys.Concat(file.Initializers.Select(i => i.Name)).Append("").ToHashSet(StringComparer.Ordinal);
        var writer = new ProtoWriter();
        var reader = new ProtoReader(model);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == ModelGraph && reader.WireType == WireType.LengthDelimited)
            {
                writer.Bytes(ModelGraph, Graph(reader.ReadBytes(), file, outer));
                continue;
            }
            reader.Skip();
            writer.Verbatim(model.AsSpan(start, reader.Position - start));
        }
        return writer.ToArray();
    }

    private static byte[] Graph(ReadOnlySpan<byte> graph, OnnxModelFile file, HashSet<string> outer)
    {
        var nodes = new List<byte[]>();
        var outputs = new List<byte[]>();
        var kept = new ProtoWriter();
        var reader = new ProtoReader(graph);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == GraphNode && reader.WireType == WireType.LengthDelimited)
                nodes.Add(reader.ReadBytes().ToArray());
            else if (reader.FieldNumber == GraphOutput && reader.WireType == WireType.LengthDelimited)
            {
                var output = reader.ReadBytes();
                outputs.Add(output.ToArray());
                kept.Verbatim(graph[start..reader.Position]);
            }
            else if (reader.FieldNumber == GraphValueInfo)
                reader.Skip(); // intermediate values move into the branches
            else
            {
                reader.Skip();
                kept.Verbatim(graph[start..reader.Position]);
            }
        }

        var pasts = file.Inputs.Keys.Where(k => k.StartsWith(PastPrefix, StringComparison.Ordinal)).ToList();
        var withCache = Branch("with_cache", "cached/", nodes, outputs, outer, [], []);
        var zero = new OnnxGraphBuilder()
            .Initializer("merged/zero", OnnxElementType.Int64, [1], BitConverter.GetBytes(0L))
            .Initializer("merged/axis", OnnxElementType.Int64, [1], BitConverter.GetBytes(2L));
        var cut = new OnnxGraphBuilder();
        foreach (var past in pasts)
            cut.Node("Slice", [past, "merged/zero", "merged/zero", "merged/axis"], ["first/" + past]);
        var firstCall = Branch("without_cache", "first/", nodes, outputs, outer, pasts.ToHashSet(StringComparer.Ordinal), cut.GraphFields());

        var ifNode = new ProtoWriter()
            .String(NodeInput, "use_cache_branch");
        foreach (var output in outputs)
            ifNode.String(NodeOutput, OnnxName(output));
        ifNode.String(NodeName, "optimum_merged_if").String(4, "If")
            .Message(5, a => a.String(AttributeName, "then_branch").Bytes(AttributeGraph, withCache).Varint(AttributeType, AttributeTypeGraph))
            .Message(5, a => a.String(AttributeName, "else_branch").Bytes(AttributeGraph, firstCall).Varint(AttributeType, AttributeTypeGraph));
        return kept
            .Verbatim(zero.GraphFields())
            .Verbatim(new OnnxGraphBuilder().Input("use_cache_branch", Bool, [1L]).GraphFields())
            .Bytes(GraphNode, ifNode.ToArray())
            .ToArray();
    }

    /// <summary>A branch: the nodes with every inner name prefixed (outer inputs and weights keep theirs), the outputs likewise.</summary>
    private static byte[] Branch(string name, string prefix, List<byte[]> nodes, List<byte[]> outputs, HashSet<string> outer,
        HashSet<string> alsoRenamed, byte[] leadingNodes)
    {
        string Rename(string value) => outer.Contains(value) && !alsoRenamed.Contains(value) ? value : prefix + value;
        var branch = new ProtoWriter().String(GraphName, name).Verbatim(leadingNodes);
        foreach (var node in nodes)
            branch.Bytes(GraphNode, RenameNode(node, Rename, prefix));
        foreach (var output in outputs)
            branch.Bytes(GraphOutput, RenameValueInfo(output, prefix));
        return branch.ToArray();
    }

    private static byte[] RenameNode(byte[] node, Func<string, string> rename, string prefix)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(node);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber is NodeInput or NodeOutput && reader.WireType == WireType.LengthDelimited)
                writer.String(reader.FieldNumber, rename(reader.ReadString()));
            else if (reader.FieldNumber == NodeName && reader.WireType == WireType.LengthDelimited)
                writer.String(NodeName, prefix + reader.ReadString());
            else
            {
                reader.Skip();
                writer.Verbatim(node.AsSpan(start, reader.Position - start));
            }
        }
        return writer.ToArray();
    }

    private static byte[] RenameValueInfo(byte[] info, string prefix)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(info);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == ValueInfoName && reader.WireType == WireType.LengthDelimited)
                writer.String(ValueInfoName, prefix + reader.ReadString());
            else
            {
                reader.Skip();
                writer.Verbatim(info.AsSpan(start, reader.Position - start));
            }
        }
        return writer.ToArray();
    }

    private static string OnnxName(byte[] valueInfo)
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
}
