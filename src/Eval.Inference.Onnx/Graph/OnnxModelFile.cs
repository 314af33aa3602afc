namespace Eval.Inference.Onnx.Graph;

/// <summary>
/// What the engine needs to know of an ONNX file without loading it: the main graph's nodes and initializer shapes,
/// and the default-domain opset. Weight bytes (inline or external) are skipped, never read.
/// </summary>
public sealed class OnnxModelFile
{
    // Field numbers of onnx.proto3 (ModelProto, GraphProto, NodeProto, TensorProto, OperatorSetIdProto).
    internal const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensor = 1;
    private const int TensorTypeElement = 1;
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;
    private const int NodeDomain = 7;
    private const int AttributeName = 1;
    private const int AttributeInt = 3;
    private const int AttributeTensor = 5;
    private const int AttributeFloats = 7;
    private const int AttributeInts = 8;
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorName = 8;
    private const int OpsetDomain = 1;
    private const int OpsetVersion = 2;

    private OnnxModelFile(IReadOnlyList<OnnxNode> nodes, IReadOnlyList<OnnxInitializer> initializers,
        IReadOnlyDictionary<string, int> inputs, IReadOnlyDictionary<string, int> outputs, long opset)
    {
        Nodes = nodes;
        Initializers = initializers;
        Inputs = inputs;
        Outputs = outputs;
        Opset = opset;
    }

    public IReadOnlyList<OnnxNode> Nodes { get; }

    public IReadOnlyList<OnnxInitializer> Initializers { get; }

    /// <summary>The graph's inputs (initializers excluded) with their ONNX element types.</summary>
    public IReadOnlyDictionary<string, int> Inputs { get; }

    /// <summary>The graph's outputs with their ONNX element types.</summary>
    public IReadOnlyDictionary<string, int> Outputs { get; }

    /// <summary>The version of the default (ai.onnx) operator set the model imports.</summary>
    public long Opset { get; }

    public static OnnxModelFile Read(string path) => Parse(File.ReadAllBytes(path));

    public static OnnxModelFile Parse(ReadOnlySpan<byte> model)
    {
        var nodes = new List<OnnxNode>();
        var initializers = new List<OnnxInitializer>();
        var inputs = new Dictionary<string, int>();
        var outputs = new Dictionary<string, int>();
        long opset = 0;
        var reader = new ProtoReader(model);
        while (reader.Next())
        {
            if (reader.FieldNumber == ModelGraph && reader.WireType == WireType.LengthDelimited)
                ReadGraph(reader.ReadBytes(), nodes, initializers, inputs, outputs);
            else if (reader.FieldNumber == ModelOpsetImport && reader.WireType == WireType.LengthDelimited)
                opset = Math.Max(opset, ReadDefaultOpset(reader.ReadBytes()));
            else
                reader.Skip();
        }
        foreach (var initializer in initializers)
            inputs.Remove(initializer.Name);
        return new OnnxModelFile(nodes, initializers, inputs, outputs, opset);
    }

    private static void ReadGraph(ReadOnlySpan<byte> graph, List<OnnxNode> nodes, List<OnnxInitializer> initializers,
        Dictionary<string, int> inputs, Dictionary<string, int> outputs)
    {
        var reader = new ProtoReader(graph);
        while (reader.Next())
        {
            if (reader.FieldNumber == GraphNode && reader.WireType == WireType.LengthDelimited)
                nodes.Add(ReadNode(reader.ReadBytes()));
            else if (reader.FieldNumber == GraphInitializer && reader.WireType == WireType.LengthDelimited)
                initializers.Add(ReadTensor(reader.ReadBytes()));
            else if (reader.FieldNumber is GraphInput or GraphOutput && reader.WireType == WireType.LengthDelimited)
            {
                var into = reader.FieldNumber == GraphInput ? inputs : outputs;
                var (name, type) = ReadValueInfo(reader.ReadBytes());
                into[name] = type;
            }
            else
                reader.Skip();
        }
    }

    private static (string Name, int ElementType) ReadValueInfo(ReadOnlySpan<byte> valueInfo)
    {
        var name = "";
        var type = 0;
        var reader = new ProtoReader(valueInfo);
        while (reader.Next())
        {
            if (reader.FieldNumber == ValueInfoName)
                name = reader.ReadString();
            else if (reader.FieldNumber == ValueInfoType && reader.WireType == WireType.LengthDelimited)
                type = ReadElementType(reader.ReadBytes());
            else
                reader.Skip();
        }
        return (name, type);
    }

    private static int ReadElementType(ReadOnlySpan<byte> typeProto)
    {
        var reader = new ProtoReader(typeProto);
        while (reader.Next())
        {
            if (reader.FieldNumber != TypeTensor || reader.WireType != WireType.LengthDelimited)
            {
                reader.Skip();
                continue;
            }
            var tensor = new ProtoReader(reader.ReadBytes());
            while (tensor.Next())
            {
                if (tensor.FieldNumber == TensorTypeElement)
                    return (int)tensor.ReadVarint();
                tensor.Skip();
            }
        }
        return 0;
    }

    private static OnnxNode ReadNode(ReadOnlySpan<byte> node)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var op = "";
        var domain = "";
        var ints = new Dictionary<string, long>();
        List<long>? valueDims = null, perm = null;
        var reader = new ProtoReader(node);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case NodeInput: inputs.Add(reader.ReadString()); break;
                case NodeOutput: outputs.Add(reader.ReadString()); break;
                case NodeOpType: op = reader.ReadString(); break;
                case NodeDomain: domain = reader.ReadString(); break;
                case NodeAttribute when reader.WireType == WireType.LengthDelimited:
                    ReadAttribute(reader.ReadBytes(), ints, ref valueDims, ref perm);
                    break;
                default: reader.Skip(); break;
            }
        }
        return new OnnxNode(op, inputs, outputs)
        {
            Domain = domain,
            IntAttributes = ints,
            ValueDims = op == "Constant" ? valueDims : null,
            Perm = op == "Transpose" ? perm : null,
        };
    }

    /// <summary>An integer attribute into <paramref name="ints"/>, a tensor's shape, or a perm list.</summary>
    private static void ReadAttribute(ReadOnlySpan<byte> attribute, Dictionary<string, long> ints, ref List<long>? tensorDims, ref List<long>? perm)
    {
        var name = "";
        long? value = null;
        List<long>? dims = null, list = null;
        var floats = 0;
        var reader = new ProtoReader(attribute);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case AttributeName: name = reader.ReadString(); break;
                case AttributeInt when reader.WireType == WireType.Varint: value = (long)reader.ReadVarint(); break;
                case AttributeTensor when reader.WireType == WireType.LengthDelimited: dims = ReadTensor(reader.ReadBytes()).Dims.ToList(); break;
                case AttributeInts: reader.ReadInt64s(list ??= []); break;
                case AttributeFloats: floats += reader.WireType == WireType.LengthDelimited ? reader.ReadBytes().Length / sizeof(float) : SkipOne(ref reader); break;
                default: reader.Skip(); break;
            }
        }
        if (value is { } v)
            ints[name] = v;
        // A Constant's value: a tensor, or a scalar (value_float, value_int) or list (value_floats, value_ints).
        tensorDims = name switch
        {
            "value" when dims is not null => dims,
            "value_float" or "value_int" => [],
            "value_floats" => [floats],
            "value_ints" => [list?.Count ?? 0],
            _ => tensorDims,
        };
        if (name == "perm")
            perm = list ?? [];
    }

    private static int SkipOne(ref ProtoReader reader)
    {
        reader.Skip();
        return 1;
    }

    private static OnnxInitializer ReadTensor(ReadOnlySpan<byte> tensor)
    {
        var dims = new List<long>();
        var type = 0;
        var name = "";
        var reader = new ProtoReader(tensor);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case TensorDims: reader.ReadInt64s(dims); break;
                case TensorDataType: type = (int)reader.ReadVarint(); break;
                case TensorName: name = reader.ReadString(); break;
                default: reader.Skip(); break;
            }
        }
        return new OnnxInitializer(name, dims, type);
    }

    private static long ReadDefaultOpset(ReadOnlySpan<byte> opset)
    {
        var domain = "";
        long version = 0;
        var reader = new ProtoReader(opset);
        while (reader.Next())
        {
            switch (reader.FieldNumber)
            {
                case OpsetDomain: domain = reader.ReadString(); break;
                case OpsetVersion: version = (long)reader.ReadVarint(); break;
                default: reader.Skip(); break;
            }
        }
        return domain is "" or "ai.onnx" ? version : 0;
    }
}
