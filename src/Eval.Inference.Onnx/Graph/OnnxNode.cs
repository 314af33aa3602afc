namespace Eval.Inference.Onnx.Graph;

/// <summary>A node of the main graph: operator and the names of its inputs and outputs.</summary>
public sealed record OnnxNode(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);
