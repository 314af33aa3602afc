namespace Eval.Inference.Onnx.Graph;

/// <summary>
/// The nodes at the end of a graph that compute each position's logits from that position's values alone, and the
/// tensors they read from the rest of the graph (its entries). PLL reads one position per row, so the region can run
/// on those rows only: each entry [batch, sequence, features] is flattened and the scored rows gathered before the
/// region. For a transformer this is more than the output layer: the last block after its attention (output
/// projection, residual adds, layer norms, feed-forward) and the final norm, about a fifth of bert-mini's work.
/// <para>
/// Found by walking the graph backwards from logits: a node joins when every reader of its output has joined and it
/// is row-wise: an element-wise op whose weights broadcast over positions, a MatMul by a 2-D weight, a layer norm or
/// softmax over the last axis. Anything else (attention's reshapes, a reduction over positions, a shape computation)
/// ends the walk, and the tensor it makes becomes an entry.
/// </para>
/// </summary>
public sealed record ScoredRowRegion(IReadOnlySet<int> Nodes, IReadOnlyList<string> Entries)
{
    private static readonly HashSet<string> Unary =
        ["Erf", "Relu", "Tanh", "Sigmoid", "Sqrt", "Neg", "Exp", "Log", "Abs", "Identity", "Cast", "Reciprocal", "Softplus", "Gelu", "Dropout"];

    private static readonly HashSet<string> Binary = ["Add", "Sub", "Mul", "Div", "Pow"];

    /// <summary>The region ending in <paramref name="logits"/>; null when it holds no MatMul (nothing worth gathering for).</summary>
    public static ScoredRowRegion? Find(OnnxModelFile file, string logits)
    {
        var producer = new Dictionary<string, int>();
        var readers = new Dictionary<string, List<int>>();
        for (var i = 0; i < file.Nodes.Count; i++)
        {
            foreach (var output in file.Nodes[i].Outputs)
                producer[output] = i;
            foreach (var input in file.Nodes[i].Inputs.Where(x => x.Length > 0).Distinct())
                (readers.TryGetValue(input, out var list) ? list : readers[input] = []).Add(i);
        }
        var constants = ConstantShapes(file);
        var shapeDerived = ShapeDerived(file, constants);

        var region = new HashSet<int>();
        for (var i = file.Nodes.Count - 1; i >= 0; i--)
        {
            var node = file.Nodes[i];
            if (node.Outputs.Count != 1)
                continue;
            var output = node.Outputs[0];
            var used = readers.GetValueOrDefault(output);
            var readOnlyInRegion = output == logits
                ? used is null
                : used is { Count: > 0 } && !file.Outputs.ContainsKey(output) && used.All(region.Contains);
            if (readOnlyInRegion && !node.Inputs.Any(shapeDerived.Contains) && IsRowWise(node, constants, file.Opset))
                region.Add(i);
        }
        if (!producer.TryGetValue(logits, out var last) || !region.Contains(last)
            || !region.Any(i => file.Nodes[i].OpType == "MatMul"))
            return null;

        var entries = new List<string>();
        foreach (var i in region.Order())
            foreach (var input in file.Nodes[i].Inputs)
                if (input.Length > 0 && !constants.ContainsKey(input)
                    && !(producer.TryGetValue(input, out var p) && region.Contains(p)) && !entries.Contains(input))
                    entries.Add(input);
        return new ScoredRowRegion(region, entries);
    }

    private static bool IsRowWise(OnnxNode node, IReadOnlyDictionary<string, IReadOnlyList<long>?> constants, long opset)
    {
        if (node.Domain is not ("" or "ai.onnx"))
            return false;
        var dynamic = node.Inputs.Where(x => x.Length > 0 && !constants.ContainsKey(x)).ToList();
        if (dynamic.Count == 0 || node.Inputs[0].Length == 0)
            return false;
        return node.OpType switch
        {
            _ when Unary.Contains(node.OpType) => dynamic is [var only] && only == node.Inputs[0],
            _ when Binary.Contains(node.OpType) => node.Inputs.Count == 2
                && node.Inputs.Where(constants.ContainsKey).All(c => BroadcastsOverPositions(constants[c])),
            // A weight matrix; of unknown shape only where it is computed (a quantized model's DequantizeLinear of a 2-D weight).
            "MatMul" => node.Inputs.Count == 2 && dynamic is [var only] && only == node.Inputs[0] && constants[node.Inputs[1]] is null or { Count: 2 },
            "LayerNormalization" => dynamic is [var only] && only == node.Inputs[0] && node.IntAttributes.GetValueOrDefault("axis", -1) == -1,
            "Softmax" or "LogSoftmax" => dynamic is [var only] && only == node.Inputs[0]
                && node.IntAttributes.GetValueOrDefault("axis", opset >= 13 ? -1 : 1) == -1,
            _ => false,
        };
    }

    /// <summary>A weight of known shape that is the same at every position: a scalar, a vector, or ones before the last axis.</summary>
    private static bool BroadcastsOverPositions(IReadOnlyList<long>? dims) =>
        dims is not null && (dims.Count <= 1 || dims.Take(dims.Count - 1).All(d => d == 1));

    /// <summary>Initializers and what is computed from them alone, with their shapes where known (null where not).</summary>
    private static Dictionary<string, IReadOnlyList<long>?> ConstantShapes(OnnxModelFile file)
    {
        var shapes = new Dictionary<string, IReadOnlyList<long>?>();
        foreach (var initializer in file.Initializers)
            shapes[initializer.Name] = initializer.Dims;
        foreach (var node in file.Nodes)
        {
            if (!node.Inputs.All(i => i.Length == 0 || shapes.ContainsKey(i)))
                continue;
            var first = node.Inputs.Count > 0 ? shapes.GetValueOrDefault(node.Inputs[0]) : null;
            IReadOnlyList<long>? shape = node.OpType switch
            {
                "Constant" => node.ValueDims,
                "Cast" or "Identity" or "DequantizeLinear" => first,
                "Transpose" when first is not null => Permuted(first, node.Perm),
                _ => null,
            };
            foreach (var output in node.Outputs)
                shapes[output] = shape;
        }
        return shapes;
    }

    /// <summary>A weight's shape after Transpose (no perm: reversed); null for a perm that does not fit, as an upload may hold.</summary>
    private static IReadOnlyList<long>? Permuted(IReadOnlyList<long> shape, IReadOnlyList<long>? perm)
    {
        if (perm is null or { Count: 0 })
            return shape.Reverse().ToList();
        return perm.Count == shape.Count && perm.All(d => d >= 0 && d < shape.Count) && perm.Distinct().Count() == perm.Count
            ? perm.Select(d => shape[(int)d]).ToList()
            : null;
    }

    /// <summary>Shapes read at run time (Shape, Size) and what is computed from them and weights: never per-position data.</summary>
    private static HashSet<string> ShapeDerived(OnnxModelFile file, IReadOnlyDictionary<string, IReadOnlyList<long>?> constants)
    {
        var derived = new HashSet<string>();
        foreach (var node in file.Nodes)
        {
            var fromShapes = node.OpType is "Shape" or "Size"
                || (node.Inputs.Any(derived.Contains) && node.Inputs.All(i => i.Length == 0 || derived.Contains(i) || constants.ContainsKey(i)));
            if (fromShapes)
                foreach (var output in node.Outputs)
                    derived.Add(output);
        }
        return derived;
    }
}
