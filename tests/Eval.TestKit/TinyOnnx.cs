using System.Text;

namespace Eval.TestKit;

/// <summary>
/// Writes tiny ONNX "decoders" byte by byte (protobuf by hand; no onnx package here): logits are one constant
/// row of <c>vocab</c> floats broadcast to [batch, sequence, vocab] and multiplied by the attention mask. Each
/// option breaks one thing a real export can get wrong: a missing input, a float input_ids, another output name,
/// a logits row smaller than the tokenizer, NaN logits. Also appends metadata to an existing model, which makes
/// a copy with other bytes (another SHA-256) that scores exactly the same.
/// </summary>
public static class TinyOnnx
{
    private const int Float = 1;
    private const int Int64 = 7;

    public static byte[] Decoder(int vocab = 4096, float fill = 0f, bool withAttentionMask = true, bool floatInputIds = false,
        string logitsName = "logits")
    {
        var graph = new Proto();
        graph.Message(1, Node("Shape", ["input_ids"], ["shape2"]));
        graph.Message(1, Node("Concat", ["shape2", "vocab"], ["shape3"], ("axis", 0)));
        graph.Message(1, Node("Expand", ["row", "shape3"], [withAttentionMask ? "expanded" : logitsName]));
        if (withAttentionMask)
        {
            graph.Message(1, Node("Cast", ["attention_mask"], ["mask_f"], ("to", Float)));
            graph.Message(1, Node("Unsqueeze", ["mask_f", "axes"], ["mask3"]));
            graph.Message(1, Node("Mul", ["expanded", "mask3"], [logitsName]));
        }
        graph.String(2, "tiny");
        graph.Message(5, FloatTensor("row", Enumerable.Repeat(fill, vocab).ToArray()));
        graph.Message(5, Int64Tensor("vocab", [vocab]));
        graph.Message(5, Int64Tensor("axes", [2]));
        graph.Message(11, ValueInfo("input_ids", floatInputIds ? Float : Int64, "batch", "sequence"));
        if (withAttentionMask)
            graph.Message(11, ValueInfo("attention_mask", Int64, "batch", "sequence"));
        graph.Message(12, ValueInfo(logitsName, Float, "batch", "sequence", vocab));

        var model = new Proto();
        model.Varint(1, 8);
        model.String(2, "Eval.TestKit.TinyOnnx");
        var opset = new Proto();
        opset.String(1, "");
        opset.Varint(2, 17);
        model.Message(8, opset);
        model.Message(7, graph);
        return model.ToArray();
    }

    /// <summary>The same model with one more metadata entry (ModelProto.metadata_props): other bytes, same graph.</summary>
    public static byte[] WithMetadata(byte[] model, string key, string value)
    {
        var entry = new Proto();
        entry.String(1, key);
        entry.String(2, value);
        var field = new Proto();
        field.Message(14, entry);
        return [.. model, .. field.ToArray()];
    }

    private static Proto Node(string op, string[] inputs, string[] outputs, params (string Name, long Value)[] attributes)
    {
        var node = new Proto();
        foreach (var input in inputs)
            node.String(1, input);
        foreach (var output in outputs)
            node.String(2, output);
        node.String(3, op.ToLowerInvariant() + "_" + outputs[0]);
        node.String(4, op);
        foreach (var (name, value) in attributes)
        {
            var attribute = new Proto();
            attribute.String(1, name);
            attribute.Varint(3, value);
            attribute.Varint(20, 2); // AttributeType.INT
            node.Message(5, attribute);
        }
        return node;
    }

    private static Proto FloatTensor(string name, float[] values)
    {
        var tensor = new Proto();
        tensor.Varint(1, values.Length);
        tensor.Varint(2, Float);
        tensor.String(8, name);
        tensor.Bytes(9, values.SelectMany(BitConverter.GetBytes).ToArray());
        return tensor;
    }

    private static Proto Int64Tensor(string name, long[] values)
    {
        var tensor = new Proto();
        tensor.Varint(1, values.Length);
        tensor.Varint(2, Int64);
        tensor.String(8, name);
        tensor.Bytes(9, values.SelectMany(BitConverter.GetBytes).ToArray());
        return tensor;
    }

    private static Proto ValueInfo(string name, int elementType, params object[] dims)
    {
        var shape = new Proto();
        foreach (var dim in dims)
        {
            var d = new Proto();
            if (dim is int size)
                d.Varint(1, size);
            else
                d.String(2, (string)dim);
            shape.Message(1, d);
        }
        var tensorType = new Proto();
        tensorType.Varint(1, elementType);
        tensorType.Message(2, shape);
        var type = new Proto();
        type.Message(1, tensorType);
        var info = new Proto();
        info.String(1, name);
        info.Message(2, type);
        return info;
    }

    /// <summary>A protobuf message being written: varints and length-delimited fields, enough for ONNX.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream bytes = new();

        public void Varint(int field, long value)
        {
            Key(field, 0);
            Raw((ulong)value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Message(int field, Proto message) => Bytes(field, message.ToArray());

        public void Bytes(int field, byte[] value)
        {
            Key(field, 2);
            Raw((ulong)value.Length);
            bytes.Write(value);
        }

        public byte[] ToArray() => bytes.ToArray();

        private void Key(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                bytes.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            bytes.WriteByte((byte)value);
        }
    }
}
