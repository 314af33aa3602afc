using System.Runtime.InteropServices;
using Eval.Inference.Onnx.Graph;
using Eval.TestKit;
using Microsoft.ML.OnnxRuntime;

namespace Eval.Inference.Onnx.Tests;

/// <summary>
/// Which nodes the masked scoring head may run on the scored rows only, and that the rows it gathers give the log-probs
/// the full logits give: small graphs with seeded weights, each built so that moving the gather one node too far would
/// change the answer or the shape.
/// </summary>
public sealed class ScoredRowRegionTests
{
    private const int Hidden = 4;
    private const int Vocabulary = 6;
    private const int Sequence = 3;

    [Fact]
    public void Region_OfBertMini_StartsAfterTheLastBlocksAttention()
    {
        var file = OnnxModelFile.Read(Path.Combine(Repo.ReferenceModel(Repo.ReferenceEncoder), "model.onnx"));

        var region = ScoredRowRegion.Find(file, DecoderSignature.Logits)!;

        // The attention's merged heads and the residual stream from block 2 are the two tensors read from outside.
        Assert.Equal(["/blocks.3/Reshape_3_output_0", "/blocks.2/Add_3_output_0"], region.Entries);
        var outputs = region.Nodes.Select(i => file.Nodes[i].Outputs[0]).ToHashSet();
        Assert.Contains("/blocks.3/proj/MatMul_output_0", outputs);
        Assert.Contains("/blocks.3/fc/MatMul_output_0", outputs);
        Assert.Contains("/blocks.3/out/MatMul_output_0", outputs);
        Assert.Contains("/head_ln/LayerNormalization_output_0", outputs);
        Assert.Contains(DecoderSignature.Logits, outputs);
        Assert.DoesNotContain("/blocks.3/qkv/MatMul_output_0", outputs);
        Assert.DoesNotContain("/blocks.3/ln1/LayerNormalization_output_0", outputs);
    }

    [Fact]
    public void Head_ThroughAResidualLayerNormAndGelu_GivesTheFullLogitsLogProbs()
    {
        var model = Block(new OnnxGraphBuilder()).Model(opset: 17);

        var region = ScoredRowRegion.Find(OnnxModelFile.Parse(model), DecoderSignature.Logits)!;

        Assert.Equal(["shifted"], region.Entries);
        AssertSameLogProbs(model);
    }

    [Fact]
    public void PerPositionWeight_EndsTheRegion()
    {
        // logits = (x W) + P with P [sequence, vocabulary]: gathering before the Add would add row 0's bias to every row.
        var model = new OnnxGraphBuilder()
            .Input("hidden", OnnxElementType.Float, [null, Sequence, (long)Hidden])
            .Initializer("w", OnnxElementType.Float, [Hidden, Vocabulary], Weights(Hidden * Vocabulary, seed: 1))
            .Initializer("per_position", OnnxElementType.Float, [Sequence, Vocabulary], Weights(Sequence * Vocabulary, seed: 2))
            .Node("MatMul", ["hidden", "w"], ["product"])
            .Node("Add", ["product", "per_position"], [DecoderSignature.Logits])
            .Output(DecoderSignature.Logits, OnnxElementType.Float, [null, Sequence, (long)Vocabulary])
            .Model(opset: 17);

        Assert.Null(ScoredRowRegion.Find(OnnxModelFile.Parse(model), DecoderSignature.Logits));
        Assert.Null(MaskedScoringHead.TryAppend(model, OnnxModelFile.Parse(model)));
    }

    [Fact]
    public void LayerNormOverAnotherAxis_IsAnEntry_NotPartOfTheRegion()
    {
        // Normalising over the sequence mixes positions: the region must start after it.
        var model = Block(new OnnxGraphBuilder(), layerNormAxis: 1).Model(opset: 17);

        var region = ScoredRowRegion.Find(OnnxModelFile.Parse(model), DecoderSignature.Logits)!;

        Assert.Equal(["normed"], region.Entries);
        AssertSameLogProbs(model);
    }

    [Fact]
    public void TensorAlsoReadOutsideTheRegion_KeepsItsProducerOnEveryPosition()
    {
        // "normed" is also a graph output: its producer must still compute every position.
        var model = Block(new OnnxGraphBuilder())
            .Output("normed", OnnxElementType.Float, [null, Sequence, (long)Hidden])
            .Model(opset: 17);

        var region = ScoredRowRegion.Find(OnnxModelFile.Parse(model), DecoderSignature.Logits)!;

        Assert.Equal(["normed"], region.Entries);
        AssertSameLogProbs(model);
    }

    [Fact]
    public void QuantizedVocabularyMatrix_JoinsTheRegion()
    {
        // As a QDQ-format quantized export writes a weight: int8 values and a scale, DequantizeLinear, then the MatMul.
        var quantized = Enumerable.Range(0, Hidden * Vocabulary).Select(i => (byte)(sbyte)((i * 37 % 255) - 127)).ToArray();
        var model = new OnnxGraphBuilder()
            .Input("hidden", OnnxElementType.Float, [null, Sequence, (long)Hidden])
            .Initializer("per_position", OnnxElementType.Float, [Sequence, Hidden], Weights(Sequence * Hidden, seed: 10))
            .Initializer("scale", OnnxElementType.Float, [Hidden], Weights(Hidden, seed: 11))
            .Initializer("bias", OnnxElementType.Float, [Hidden], Weights(Hidden, seed: 12))
            .Initializer("wq", OnnxElementType.Int8, [Hidden, Vocabulary], quantized)
            .Initializer("wq_scale", OnnxElementType.Float, [], MemoryMarshal.AsBytes([0.02f]).ToArray())
            .Node("Add", ["hidden", "per_position"], ["shifted"])
            .Node("LayerNormalization", ["shifted", "scale", "bias"], ["normed"], ("axis", -1))
            .Node("DequantizeLinear", ["wq", "wq_scale"], ["w"])
            .Node("MatMul", ["normed", "w"], [DecoderSignature.Logits])
            .Output(DecoderSignature.Logits, OnnxElementType.Float, [null, Sequence, (long)Vocabulary])
            .Model(opset: 17);

        var region = ScoredRowRegion.Find(OnnxModelFile.Parse(model), DecoderSignature.Logits)!;

        Assert.Equal(["shifted"], region.Entries);
        AssertSameLogProbs(model);
    }

    [Fact]
    public void Probe_FailsAtLoad_WhenAnEntryIsNotPerPosition()
    {
        // hidden + mean(hidden over batch and sequence): the mean [hidden] is read by the region but has no rows to
        // gather, which the rules cannot see; the load-time probe catches it so the loader can drop the head.
        var model = new OnnxGraphBuilder()
            .Input(DecoderSignature.InputIds, OnnxElementType.Int64, [null, null])
            .Initializer("embedding", OnnxElementType.Float, [Vocabulary, Hidden], Weights(Vocabulary * Hidden, seed: 13))
            .Initializer("axes", OnnxElementType.Int64, [2], MemoryMarshal.AsBytes<long>([0, 1]).ToArray())
            .Initializer("wv", OnnxElementType.Float, [Hidden, Vocabulary], Weights(Hidden * Vocabulary, seed: 14))
            .Node("Gather", ["embedding", DecoderSignature.InputIds], ["hidden"], ("axis", 0))
            .Node("ReduceMean", ["hidden", "axes"], ["mean"], ("keepdims", 0))
            .Node("Add", ["hidden", "mean"], ["centred"])
            .Node("MatMul", ["centred", "wv"], [DecoderSignature.Logits])
            .Output(DecoderSignature.Logits, OnnxElementType.Float, [null, null, (long)Vocabulary])
            .Model(opset: 18);
        Assert.Equal(["hidden", "mean"], ScoredRowRegion.Find(OnnxModelFile.Parse(model), DecoderSignature.Logits)!.Entries);

        using var headed = new InferenceSession(MaskedScoringHead.TryAppend(model, OnnxModelFile.Parse(model))!);
        using var bert = new InferenceSession(MaskedScoringHead.TryAppend(
            File.ReadAllBytes(Path.Combine(Repo.ReferenceModel(Repo.ReferenceEncoder), "model.onnx")),
            OnnxModelFile.Read(Path.Combine(Repo.ReferenceModel(Repo.ReferenceEncoder), "model.onnx")))!);

        Assert.False(MaskedHeadProbe.Runs(headed));
        Assert.True(MaskedHeadProbe.Runs(bert));
    }

    [Fact]
    public void MalformedNodes_EndTheRegion_WithoutThrowing()
    {
        // As an upload may hold them: a Transpose whose perm names an axis the weight lacks, a MatMul with one input.
        // ONNX Runtime refuses such a graph with its own message; the rewrite must not fail first.
        var model = new OnnxGraphBuilder()
            .Input("hidden", OnnxElementType.Float, [null, Sequence, (long)Hidden])
            .Initializer("w", OnnxElementType.Float, [Vocabulary, Hidden], Weights(Hidden * Vocabulary, seed: 15))
            .Node("Transpose", ["w"], ["w_t"], "perm", [0, 7])
            .Node("MatMul", ["hidden"], ["lonely"])
            .Node("MatMul", ["lonely", "w_t"], [DecoderSignature.Logits])
            .Output(DecoderSignature.Logits, OnnxElementType.Float, [null, Sequence, (long)Vocabulary])
            .Model(opset: 17);

        var region = ScoredRowRegion.Find(OnnxModelFile.Parse(model), DecoderSignature.Logits)!;

        // The last MatMul joins (a computed weight of unknown shape); the one-input MatMul does not.
        Assert.Equal(["lonely"], region.Entries);
        Assert.Equal([0L, 7L], OnnxModelFile.Parse(model).Nodes[0].Perm);
    }

    /// <summary>
    /// hidden + per-position bias (positions mix here) -> x W1 + b1 -> + residual -> LayerNorm -> x * erf(x) -> x Wv.
    /// </summary>
    private static OnnxGraphBuilder Block(OnnxGraphBuilder builder, long layerNormAxis = -1)
    {
        // A layer norm's scale and bias have the shape it normalises: [hidden] over the last axis, else [sequence, hidden].
        long[] normalized = layerNormAxis == -1 ? [Hidden] : [Sequence, Hidden];
        var normalizedCount = (int)normalized.Aggregate(1L, (a, d) => a * d);
        return builder
            .Input("hidden", OnnxElementType.Float, [null, Sequence, (long)Hidden])
            .Initializer("per_position", OnnxElementType.Float, [Sequence, Hidden], Weights(Sequence * Hidden, seed: 3))
            .Initializer("w1", OnnxElementType.Float, [Hidden, Hidden], Weights(Hidden * Hidden, seed: 4))
            .Initializer("b1", OnnxElementType.Float, [Hidden], Weights(Hidden, seed: 5))
            .Initializer("scale", OnnxElementType.Float, normalized, Weights(normalizedCount, seed: 6))
            .Initializer("bias", OnnxElementType.Float, normalized, Weights(normalizedCount, seed: 7))
            .Initializer("wv", OnnxElementType.Float, [Hidden, Vocabulary], Weights(Hidden * Vocabulary, seed: 8))
            .Node("Add", ["hidden", "per_position"], ["shifted"])
            .Node("MatMul", ["shifted", "w1"], ["projected"])
            .Node("Add", ["projected", "b1"], ["biased"])
            .Node("Add", ["biased", "shifted"], ["residual"])
            .Node("LayerNormalization", ["residual", "scale", "bias"], ["normed"], ("axis", layerNormAxis))
            .Node("Erf", ["normed"], ["erf"])
            .Node("Mul", ["normed", "erf"], ["activated"])
            .Node("MatMul", ["activated", "wv"], [DecoderSignature.Logits])
            .Output(DecoderSignature.Logits, OnnxElementType.Float, [null, Sequence, (long)Vocabulary]);
    }

    /// <summary>Two rows, each scored at a different position, against log-softmax of the untouched graph's logits.</summary>
    private static void AssertSameLogProbs(byte[] model)
    {
        const int rows = 2;
        var hidden = MemoryMarshal.Cast<byte, float>(Weights(rows * Sequence * Hidden, seed: 9)).ToArray();
        long[] scored = [2, 0];
        long[] targets = [5, 1];
        using var full = new InferenceSession(model);
        using var hiddenValue = OrtValue.CreateTensorValueFromMemory(hidden, [rows, Sequence, Hidden]);
        using var run = new RunOptions();
        using var logits = full.Run(run, ["hidden"], [hiddenValue], [DecoderSignature.Logits]);
        var all = logits[0].GetTensorDataAsSpan<float>().ToArray();

        using var headed = new InferenceSession(MaskedScoringHead.TryAppend(model, OnnxModelFile.Parse(model))!);
        long[] positions = [0 * Sequence + scored[0], 1 * Sequence + scored[1]];
        using var positionsValue = OrtValue.CreateTensorValueFromMemory(positions, [rows]);
        using var targetsValue = OrtValue.CreateTensorValueFromMemory(targets, [rows, 1]);
        using var result = headed.Run(run, ["hidden", MaskedScoringHead.Positions, MaskedScoringHead.Targets],
            [hiddenValue, positionsValue, targetsValue], [MaskedScoringHead.LogProbs]);
        var logProbs = result[0].GetTensorDataAsSpan<float>().ToArray();

        for (var r = 0; r < rows; r++)
        {
            var row = all.AsSpan((int)((r * Sequence + scored[r]) * Vocabulary), Vocabulary);
            var max = float.NegativeInfinity;
            foreach (var v in row)
                max = Math.Max(max, v);
            var sum = 0.0;
            foreach (var v in row)
                sum += Math.Exp(v - max);
            var expected = row[(int)targets[r]] - max - Math.Log(sum);
            Assert.True(Math.Abs(expected - logProbs[r]) < 1e-5, $"row {r}: {expected} from the full logits, {logProbs[r]} with the head");
        }
    }

    /// <summary>Seeded weights in [-1, 1) as raw float32 bytes.</summary>
    private static byte[] Weights(int count, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        return MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
    }
}
