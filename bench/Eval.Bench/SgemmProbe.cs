using System.Diagnostics;
using Eval.Inference.Onnx;
using Eval.Inference.Onnx.Graph;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Bench;

/// <summary>
/// G of the benchmark line: fp32 sgemm FLOP/s of a 2048 x 2048 x 2048 product on all cores, through ONNX Runtime
/// (its MLAS kernels, the same ones the model's MatMuls use) running a one-node MatMul model built in memory.
/// </summary>
public static class SgemmProbe
{
    public const int Size = 2048;

    /// <returns>The best of <paramref name="repeats"/> timed products after two warm-up runs, in FLOP/s.</returns>
    public static double Measure(int threads, int repeats = 10)
    {
        var model = new OnnxGraphBuilder()
            .Input("a", OnnxElementType.Float, [(long)Size, (long)Size])
            .Input("b", OnnxElementType.Float, [(long)Size, (long)Size])
            .Node("MatMul", ["a", "b"], ["c"])
            .Output("c", OnnxElementType.Float, [(long)Size, (long)Size])
            .Model(opset: 17);
        // The selector's CPU options: the same ONNX Runtime environment (quiet logging) and settings as the scorer's.
        var (options, _) = ExecutionProviderSelector.Create(new InferenceOptions { Device = InferenceOptions.Cpu, IntraOpThreads = threads });
        InferenceSession session;
        using (options)
            session = new InferenceSession(model, options);
        using var owned = session;

        var random = new Random(0);
        var a = new float[Size * Size];
        var b = new float[Size * Size];
        var c = new float[Size * Size];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = (float)random.NextDouble() - 0.5f;
            b[i] = (float)random.NextDouble() - 0.5f;
        }
        long[] shape = [Size, Size];
        using var av = OrtValue.CreateTensorValueFromMemory(a, shape);
        using var bv = OrtValue.CreateTensorValueFromMemory(b, shape);
        using var cv = OrtValue.CreateTensorValueFromMemory(c, shape);
        using var run = new RunOptions();
        string[] inputs = ["a", "b"], outputs = ["c"];

        var best = double.MaxValue;
        for (var i = 0; i < repeats + 2; i++)
        {
            var clock = Stopwatch.StartNew();
            session.Run(run, inputs, [av, bv], outputs, [cv]);
            if (i >= 2)
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return 2.0 * Size * Size * Size / best;
    }
}
