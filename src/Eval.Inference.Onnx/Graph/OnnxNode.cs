namespace Eval.Inference.Onnx.Graph;

/// <summary>A node of the main graph: operator, domain and the names of its inputs and outputs.</summary>
public sealed record OnnxNode(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs)
{
    /// <summary>"" for the default (ai.onnx) domain.</summary>
    public string Domain { get; init; } = "";

    /// <summary>The node's integer attributes (axis, keepdims, ...) by name.</summary>
    public IReadOnlyDictionary<string, long> IntAttributes { get; init; } = new Dictionary<string, long>();

    /// <summary>A Constant node's value shape; null for other nodes or a value that is not a tensor.</summary>
    public IReadOnlyList<long>? ValueDims { get; init; }

    /// <summary>A Transpose's perm attribute; null where absent (the dimensions reversed).</summary>
    public IReadOnlyList<long>? Perm { get; init; }
}
