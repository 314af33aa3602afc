using Eval.Inference.Onnx.Graph;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// Models with a valid signature (input_ids, attention_mask -> logits [batch, sequence, vocab], uniform) whose logits
/// wait on a Loop of a cheap Add: <see cref="Endless"/> runs 10^12 iterations on every call, so no forward pass
/// returns in practice; <see cref="WhenBatched"/> runs (batch - 1) x 10^12, so batch-1 validation passes in
/// milliseconds and the first batched scoring call never returns. Packaged with a reference model's tokenizer and config
/// (gpt-nano-bpe4k's: a decoder; bert-mini-bpe8k's: a masked LM), the vocabulary its config names.
/// </summary>
public static class LoopingDecoder
{
    private const long Trips = 1_000_000_000_000;
    private const int Bool = 9;

    public static string Endless(string folder, string tag, string reference = "gpt-nano-bpe4k") => Package(folder, tag, reference, batchedOnly: false);

    public static string WhenBatched(string folder, string tag, string reference = "gpt-nano-bpe4k") => Package(folder, tag, reference, batchedOnly: true);

    private static string Package(string folder, string tag, string reference, bool batchedOnly)
    {
        ModelFixtures.Copy(Repo.ReferenceModel(reference), folder);
        using var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "config.json")));
        var vocab = config.RootElement.GetProperty("vocab_size").GetInt32();
        File.WriteAllBytes(Path.Combine(folder, "model.onnx"), Model(batchedOnly, tag, vocab));
        return folder;
    }

    private static byte[] Model(bool batchedOnly, string tag, int vocab)
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
            .Output("logits", OnnxElementType.Float, ["batch", "sequence", vocab])
            .Initializer("row", OnnxElementType.Float, [vocab], new byte[vocab * sizeof(float)])
            .Initializer("vocab", OnnxElementType.Int64, [1], BitConverter.GetBytes((long)vocab))
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
