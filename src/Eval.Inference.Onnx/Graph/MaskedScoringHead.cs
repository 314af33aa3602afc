namespace Eval.Inference.Onnx.Graph;

/// <summary>
/// Makes a masked LM compute the scored positions only from the point where positions stop mixing. PLL scores one
/// position per row, but the export computes the vocabulary-wide logits (and the last block's feed-forward) at every
/// position. <see cref="ScoredRowRegion"/> finds the row-wise nodes that end in logits; each tensor they read from the
/// rest of the graph, [batch, sequence, features], is flattened, the scored rows are gathered and the region reads
/// those instead, so logits becomes [rows, vocab]. Log-softmax, the target's log-prob and the argmax follow, as the
/// decoders' <see cref="ScoringHead"/> does. The region is rewired rather than copied: a copy beside the untouched
/// original took as much CPU as no head at all (ONNX Runtime computed the unfetched full logits too).
/// </summary>
public static class MaskedScoringHead
{
    /// <summary>int64 [rows]: the flat index (row x sequence + position) of each scored position.</summary>
    public const string Positions = "eval_masked_positions";

    /// <summary>int64 [rows, 1]: the token whose log-prob is read at each scored position.</summary>
    public const string Targets = "eval_masked_targets";

    /// <summary>float32 [rows, 1]: log p(target | the masked row).</summary>
    public const string LogProbs = "eval_masked_logprobs";

    /// <summary>int64 [rows, 1]: the most likely token (the first, on ties) at each scored position.</summary>
    public const string Argmax = "eval_masked_argmax";

    private const string Prefix = "eval_masked_";
    private const string Logits2D = Prefix + "logits";
    private const string LogSoftmaxOutput = Prefix + "log_softmax";

    // Field numbers of onnx.proto3 (GraphProto, NodeProto, ValueInfoProto).
    private const int GraphNode = 1;
    private const int GraphOutput = 12;
    private const int GraphValueInfo = 13;
    private const int NodeInput = 1;
    private const int ValueInfoName = 1;

    /// <summary>The model with the gathered head; null when the output layer is not a chain this rewrite understands.</summary>
    public static byte[]? TryAppend(byte[] model, OnnxModelFile file, string logits = DecoderSignature.Logits)
    {
        // Flatten with a negative axis, GatherElements and LogSoftmax over the last axis need opset 11 or later.
        if (file.Opset < 11 || !file.Outputs.TryGetValue(logits, out var logitsType))
            return null;
        var region = ScoredRowRegion.Find(file, logits);
        if (region is null)
            return null;
        var gathered = region.Entries.Select((entry, k) => (entry, k)).ToDictionary(e => e.entry, e => $"{Prefix}rows_{e.k}");
        var regionOutputs = region.Nodes.Select(n => file.Nodes[n].Outputs[0]).ToHashSet();

        var fields = new ProtoWriter();
        var reader = new ProtoReader(model);
        var found = false;
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == OnnxModelFile.ModelGraph && reader.WireType == WireType.LengthDelimited && !found)
            {
                var graph = RewireGraph(reader.ReadBytes(), region.Nodes, gathered, regionOutputs, logits, logitsType);
                var tail = new OnnxGraphBuilder()
                    .Input(Positions, OnnxElementType.Int64, [null])
                    .Input(Targets, OnnxElementType.Int64, [null, 1L]);
                foreach (var (entry, rows) in gathered)
                    tail.Node("Flatten", [entry], [rows + "_flat"], ("axis", -1))
                        .Node("Gather", [rows + "_flat", Positions], [rows], ("axis", 0));
                tail.Node("Flatten", [logits], [Logits2D], ("axis", -1))
                    .Node("LogSoftmax", [Logits2D], [LogSoftmaxOutput], ("axis", -1))
                    .Node("GatherElements", [LogSoftmaxOutput, Targets], [LogProbs], ("axis", -1))
                    .Node("ArgMax", [Logits2D], [Argmax], ("axis", -1), ("keepdims", 1))
                    .Output(LogProbs, OnnxElementType.Float, [null, 1L])
                    .Output(Argmax, OnnxElementType.Int64, [null, 1L]);
                fields.Bytes(OnnxModelFile.ModelGraph, graph.Verbatim(tail.GraphFields()).ToArray());
                found = true;
                continue;
            }
            reader.Skip();
            fields.Verbatim(model[start..reader.Position]);
        }
        return found ? fields.ToArray() : null;
    }

    /// <summary>
    /// The graph with the region's nodes reading the gathered rows of its entries, logits declared without a shape (it
    /// is now [rows, vocab]) and the region's declared intermediate shapes dropped; everything else verbatim.
    /// </summary>
    private static ProtoWriter RewireGraph(ReadOnlySpan<byte> graph, IReadOnlySet<int> region, Dictionary<string, string> gathered,
        HashSet<string> regionOutputs, string logits, int logitsType)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(graph);
        var index = 0;
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == GraphNode && reader.WireType == WireType.LengthDelimited)
            {
                var node = reader.ReadBytes();
                if (region.Contains(index++))
                    writer.Bytes(GraphNode, RenameInputs(node, gathered));
                else
                    writer.Verbatim(graph[start..reader.Position]);
                continue;
            }
            if (reader.FieldNumber is GraphOutput or GraphValueInfo && reader.WireType == WireType.LengthDelimited)
            {
                var field = reader.FieldNumber;
                var name = ValueInfoNameOf(reader.ReadBytes());
                if (field == GraphOutput && name == logits)
                    writer.Verbatim(new OnnxGraphBuilder().Output(logits, logitsType).GraphFields());
                else if (!(field == GraphValueInfo && regionOutputs.Contains(name)))
                    writer.Verbatim(graph[start..reader.Position]);
                continue;
            }
            reader.Skip();
            writer.Verbatim(graph[start..reader.Position]);
        }
        return writer;
    }

    private static byte[] RenameInputs(ReadOnlySpan<byte> node, Dictionary<string, string> renames)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(node);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == NodeInput && reader.WireType == WireType.LengthDelimited)
            {
                var name = reader.ReadString();
                writer.String(NodeInput, renames.GetValueOrDefault(name, name));
                continue;
            }
            reader.Skip();
            writer.Verbatim(node[start..reader.Position]);
        }
        return writer.ToArray();
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
}
