using Eval.Inference.Onnx.Graph;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// Decoders with a valid signature (input_ids, attention_mask -> logits [batch, sequence, 4096], uniform) whose logits
/// wait on a Loop of a cheap Add: <see cref="Endless"/> runs 10^12 iterations on every call, so no forward pass
/// returns in practice; <see cref="WhenBatched"/> runs (batch - 1) x 10^12, so batch-1 validation passes in
/// milliseconds and the first batched scoring call never returns. Packaged with gpt-nano-bpe4k's tokenizer and config.
/// </summary>
public static class LoopingDecoder
{
    private const int Vocab = 4096;
    private const long Trips = 1_000_000_000_000;
    private const int Bool = 9;

    public static string Endless(string folder, string tag) => Package(folder, tag, batchedOnly: false);

    public static string WhenBatched(string folder, string tag) => Package(folder, tag, batchedOnly: true);

    private static string Package(string folder, string tag, bool batchedOnly)
    {
        ModelFixtures.Copy(Repo.ReferenceModel("gpt-nano-bpe4k"), folder);
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), Model(batchedOnly, tag));
        return folder;
    }

    private static byte[] Model(bool batchedOnly, string tag)
    {
        var body = new OnnxGraphBuilder()
            .Input("iteration", OnnxElementType.Int64, [])
            .Input("cond_in", Bool, [])
            .Input("carried_in", OnnxElementType.Float, [])
            .Initializer("nothing", OnnxElementType.Float, [], BitConverter.GetBytes(0f))
            .Node("Identity", ["cond_in"], ["cond_out"])
            .Node("Add", ["carried_in", "nothing"], ["carried_out"])
            .Output("cond_out", Bool, [])
            .Output("carried_out", OnnxElementType.Float, []);

        var graph = new OnnxGraphBuilder()
            .Input("input_ids", OnnxElementType.Int64, ["batch", "sequence"])
            .Input("attention_mask", OnnxElementType.Int64, ["batch", "total"])
            .Output("logits", OnnxElementType.Float, ["batch", "sequence", Vocab])
            .Initializer("row", OnnxElementType.Float, [Vocab], new byte[Vocab * sizeof(float)])
            .Initializer("vocab", OnnxElementType.Int64, [1], BitConverter.GetBytes((long)Vocab))
            .Initializer("zero_index", OnnxElementType.Int64, [], BitConverter.GetBytes(0L))
            .Initializer("one", OnnxElementType.Int64, [], BitConverter.GetBytes(1L))
            .Initializer("trips", OnnxElementType.Int64, [], BitConverter.GetBytes(Trips))
            .Initializer("start", OnnxElementType.Float, [], BitConverter.GetBytes(0f))
            .Node("Shape", ["input_ids"], ["shape2"])
            .Node("Concat", ["shape2", "vocab"], ["shape3"], ("axis", 0))
            .Node("Expand", ["row", "shape3"], ["uniform"]);
        if (batchedOnly)
            graph.Node("Gather", ["shape2", "zero_index"], ["batch_size"], ("axis", 0))
                .Node("Sub", ["batch_size", "one"], ["extra_rows"])
                .Node("Mul", ["extra_rows", "trips"], ["loop_trips"]);
        return graph
            .Node("Loop", [batchedOnly ? "loop_trips" : "trips", "", "start"], ["loop_result"], "body", body, "spin")
            .Node("Add", ["uniform", "loop_result"], ["logits"])
            .Model(opset: 17, graphName: "looping-" + tag);
    }
}
