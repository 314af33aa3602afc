namespace Eval.Inference.Onnx.Graph;

/// <summary>
/// W of CONTRACTS.md ("Benchmark line"): the elements of every 2-D float initializer feeding a MatMul or Gemm,
/// directly or through a Transpose, once per such product. A tied embedding counts once (as the LM head, its only
/// product); a table read only by Gather (positions, the token lookup) counts nothing.
/// </summary>
public static class MatMulWeightCounter
{
    public static long Count(OnnxModelFile model)
    {
        var weights = model.Initializers
            .Where(i => i.Dims.Count == 2 && i.DataType == OnnxElementType.Float)
            .GroupBy(i => i.Name).ToDictionary(g => g.Key, g => g.First());
        var transposed = model.Nodes.Where(n => n.OpType == "Transpose" && n.Inputs.Count == 1 && n.Outputs.Count == 1)
            .ToDictionary(n => n.Outputs[0], n => n.Inputs[0]);

        long total = 0;
        foreach (var node in model.Nodes.Where(n => n.OpType is "MatMul" or "Gemm"))
        {
            // Gemm's third input is the bias: not part of the product.
            foreach (var input in node.Inputs.Take(2))
            {
                var source = transposed.GetValueOrDefault(input, input);
                if (weights.TryGetValue(source, out var weight))
                    total += weight.Elements;
            }
        }
        return total;
    }
}
