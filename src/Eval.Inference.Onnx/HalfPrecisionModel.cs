using System.Text.RegularExpressions;
using Eval.Inference.Onnx.Graph;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx;

/// <summary>
/// A float16 (or bfloat16) model. The engine's KV cache and logits buffers are float32, so the loaders give the
/// graph float32 inputs and outputs (<see cref="BoundaryCast"/>): a decoder's cache crosses the boundary once per
/// step in each direction, and the scoring head's log-softmax runs in float32 on the cast logits. Whether the layers
/// themselves run is ONNX Runtime's to say (the CPU provider computes float16 operators it has no kernel for in
/// float32, but has no such fallback for bfloat16), and a session it will not build is refused with the operator.
/// </summary>
public static partial class HalfPrecisionModel
{
    public static bool IsHalf(OnnxModelFile model) =>
        model.Inputs.Values.Concat(model.Outputs.Values).Any(OnnxElementType.IsHalf)
        || model.Initializers.Any(i => OnnxElementType.IsHalf(i.DataType));

    /// <summary>The graph of a float16/bfloat16 model; null for any other file, and for one that does not parse (ONNX Runtime judges those).</summary>
    public static OnnxModelFile? Find(byte[] bytes)
    {
        try
        {
            var file = OnnxModelFile.Parse(bytes);
            return IsHalf(file) ? file : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>The model with every float16/bfloat16 graph input and output made float32; the same bytes when none is.</summary>
    public static byte[] WithFloat32Boundary(byte[] bytes, OnnxModelFile model)
    {
        var inputs = model.Inputs.Where(i => OnnxElementType.IsHalf(i.Value)).ToDictionary();
        var outputs = model.Outputs.Where(o => OnnxElementType.IsHalf(o.Value)).ToDictionary();
        return inputs.Count + outputs.Count == 0 ? bytes : BoundaryCast.Retype(bytes, inputs, outputs, OnnxElementType.Float);
    }

    /// <summary>A session on the model with its float32 boundary; loaded from memory, with the package as the external-data base.</summary>
    public static InferenceSession Session(ModelPackage package, byte[] bytes, OnnxModelFile model, SessionOptions options) =>
        PackageGraph.Session(package, WithFloat32Boundary(bytes, model), options);

    /// <summary>The one-line refusal for a half-precision model ONNX Runtime would not build a session for.</summary>
    public static ModelPackageException Refusal(string file, OnnxModelFile model, string provider, OnnxRuntimeException error)
    {
        var precision = Precision(model);
        var cpu = provider == ExecutionProviderSelector.CpuProvider;
        var lacks = cpu ? $"ONNX Runtime's {provider} has no" : $"neither ONNX Runtime's {provider} nor its CPU fallback has a";
        var advice = cpu ? "export it in float32 or run it on a CUDA worker" : "export it in float32";
        var missing = MissingKernel().Match(error.Message);
        if (missing.Success)
            return new ModelPackageException(
                $"{file} is a {precision} model and {lacks} {precision} kernel for " +
                $"{missing.Groups["op"].Value} (opset {missing.Groups["version"].Value}, node '{missing.Groups["node"].Value}'); {advice}", error);
        var line = error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? error.Message;
        return new ModelPackageException($"{file} is a {precision} model and ONNX Runtime cannot load it on {provider}: {line}; {advice}", error);
    }

    private static string Precision(OnnxModelFile model)
    {
        var types = model.Inputs.Values.Concat(model.Outputs.Values).Concat(model.Initializers.Select(i => i.DataType)).ToHashSet();
        return types.Contains(OnnxElementType.Float16) || !types.Contains(OnnxElementType.BFloat16) ? "float16" : "bfloat16";
    }

    // ONNX Runtime's wording when no provider of the session has a kernel for a node's operator and types.
    [GeneratedRegex(@"Could not find an implementation for (?<op>[A-Za-z0-9_]+)\((?<version>\d+)\) node with name '(?<node>[^']*)'")]
    private static partial Regex MissingKernel();
}
