namespace Eval.Inference.Onnx.Graph;

/// <summary>
/// Makes a masked LM's output layer run on the masked positions only. PLL scores one position per row, but the
/// export computes the vocabulary-wide logits at every position. The output layer is the chain of position-wise nodes
/// that ends in logits and starts at the vocabulary MatMul (MatMul, Add, Sub, Mul, Div with weights, Cast); its input,
/// the hidden states [batch, sequence, hidden], is flattened, the scored rows are gathered and the chain reads those
/// instead, so logits becomes [rows, vocab]. Log-softmax, the target's log-prob and the argmax follow, as the decoders'
/// <see cref="ScoringHead"/> does. The chain is rewired rather than copied: a copy beside the untouched original took
/// as much CPU as no head at all (ONNX Runtime computed the unfetched full logits too).
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
    private const string FlatHidden = Prefix + "flat_hidden";
    private const string Gathered = Prefix + "gathered_hidden";
    private const string Logits2D = Prefix + "logits";
    private const string LogSoftmaxOutput = Prefix + "log_softmax";

    // Field numbers of onnx.proto3 (GraphProto, NodeProto, ValueInfoProto).
    private const int GraphNode = 1;
    private const int GraphOutput = 12;
    private const int GraphValueInfo = 13;
    private const int NodeInput = 1;
    private const int ValueInfoName = 1;

    private static readonly HashSet<string> PositionWise = ["MatMul", "Add", "Sub", "Mul", "Div", "Cast"];

    /// <summary>The model with the gathered head; null when the output layer is not a chain this rewrite understands.</summary>
    public static byte[]? TryAppend(byte[] model, OnnxModelFile file, string logits = DecoderSignature.Logits)
    {
        // Flatten with a negative axis, GatherElements and LogSoftmax over the last axis need opset 11 or later.
        if (file.Opset < 11 || !file.Outputs.TryGetValue(logits, out var logitsType))
            return null;
        var chain = FindChain(file, logits);
        if (chain is null)
            return null;
        var (nodes, hidden) = chain.Value;
        var chainOutputs = nodes.Select(n => file.Nodes[n].Outputs[0]).ToHashSet();

        var fields = new ProtoWriter();
        var reader = new ProtoReader(model);
        var found = false;
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == OnnxModelFile.ModelGraph && reader.WireType == WireType.LengthDelimited && !found)
            {
                var graph = RewireGraph(reader.ReadBytes(), nodes[0], hidden, chainOutputs, logits, logitsType);
                var tail = new OnnxGraphBuilder()
                    .Input(Positions, OnnxElementType.Int64, [null])
                    .Input(Targets, OnnxElementType.Int64, [null, 1L])
                    .Node("Flatten", [hidden], [FlatHidden], ("axis", -1))
                    .Node("Gather", [FlatHidden, Positions], [Gathered], ("axis", 0))
                    .Node("Flatten", [logits], [Logits2D], ("axis", -1))
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
    /// The graph with the chain's first node reading the gathered rows, logits declared without a shape (it is now
    /// [rows, vocab]) and the chain's declared intermediate shapes dropped; everything else verbatim.
    /// </summary>
    private static ProtoWriter RewireGraph(ReadOnlySpan<byte> graph, int firstNode, string hidden, HashSet<string> chainOutputs,
        string logits, int logitsType)
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
                if (index++ == firstNode)
                    writer.Bytes(GraphNode, RenameInput(node, hidden, Gathered));
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
                else if (!(field == GraphValueInfo && chainOutputs.Contains(name)))
                    writer.Verbatim(graph[start..reader.Position]);
                continue;
            }
            reader.Skip();
            writer.Verbatim(graph[start..reader.Position]);
        }
        return writer;
    }

    /// <summary>
    /// The nodes from the hidden states to logits (in graph order) and the hidden states' name: walking back from
    /// logits through position-wise nodes whose other inputs are weights, each output read only by the next node.
    /// </summary>
    private static (List<int> Nodes, string Hidden)? FindChain(OnnxModelFile file, string logits)
    {
        var producer = new Dictionary<string, int>();
        var readers = new Dictionary<string, int>();
        for (var i = 0; i < file.Nodes.Count; i++)
        {
            foreach (var output in file.Nodes[i].Outputs)
                producer[output] = i;
            foreach (var input in file.Nodes[i].Inputs.Distinct())
                readers[input] = readers.GetValueOrDefault(input) + 1;
        }
        var weights = Weights(file);

        var chain = new List<int>();
        var current = logits;
        var hasMatMul = false;
        while (producer.TryGetValue(current, out var index))
        {
            var node = file.Nodes[index];
            var dynamic = node.Inputs.Where(i => i.Length > 0 && !weights.Contains(i)).ToList();
            var fits = PositionWise.Contains(node.OpType) && node.Outputs.Count == 1 && dynamic.Count == 1
                       && (node.OpType != "MatMul" || node.Inputs[0] == dynamic[0])
                       && (current == logits ? readers.GetValueOrDefault(current) == 0 : readers.GetValueOrDefault(current) == 1);
            if (!fits)
                break;
            chain.Add(index);
            hasMatMul |= node.OpType == "MatMul";
            current = dynamic[0];
        }
        if (!hasMatMul)
            return null;
        // Stop after the first MatMul from the input side: anything before it is cheap and may not be position-wise.
        chain.Reverse();
        var first = chain.FindIndex(i => file.Nodes[i].OpType == "MatMul");
        var nodes = chain[first..];
        return (nodes, file.Nodes[nodes[0]].Inputs[0]);
    }

    /// <summary>Initializers and what is computed from them alone (Constant nodes, a Transpose of a weight).</summary>
    private static HashSet<string> Weights(OnnxModelFile file)
    {
        var weights = file.Initializers.Select(i => i.Name).ToHashSet();
        foreach (var node in file.Nodes)
            if (node.Inputs.All(i => i.Length == 0 || weights.Contains(i)))
                foreach (var output in node.Outputs)
                    weights.Add(output);
        return weights;
    }

    private static byte[] RenameInput(ReadOnlySpan<byte> node, string from, string to)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(node);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == NodeInput && reader.WireType == WireType.LengthDelimited)
            {
                var name = reader.ReadString();
                writer.String(NodeInput, name == from ? to : name);
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
