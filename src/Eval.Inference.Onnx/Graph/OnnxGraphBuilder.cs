namespace Eval.Inference.Onnx.Graph;

/// <summary>
/// Writes GraphProto fields: nodes, inputs, outputs and initializers. Used whole (a small model such as the sgemm
/// probe) or as a fragment merged into an existing graph (protobuf concatenation appends repeated fields).
/// </summary>
public sealed class OnnxGraphBuilder
{
    // Field numbers of onnx.proto3.
    private const int GraphNode = 1;
    private const int GraphName = 2;
    private const int GraphInitializer = 5;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeOpType = 4;
    private const int NodeAttribute = 5;
    private const int AttributeName = 1;
    private const int AttributeInt = 3;
    private const int AttributeGraph = 6;
    private const int AttributeInts = 8;
    private const int AttributeType = 20;
    private const int AttributeTypeInt = 2;
    private const int AttributeTypeGraph = 5;
    private const int AttributeTypeInts = 7;
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int TypeTensor = 1;
    private const int TensorTypeElement = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDim = 1;
    private const int DimValue = 1;
    private const int DimParam = 2;
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorName = 8;
    private const int TensorRawData = 9;
    private const int ModelIrVersion = 1;
    private const int ModelProducerName = 2;
    private const int ModelOpsetImport = 8;
    private const int OpsetVersion = 2;

    private readonly ProtoWriter graph = new();

    public OnnxGraphBuilder Node(string opType, string[] inputs, string[] outputs, params (string Name, long Value)[] intAttributes) =>
        Node(opType, inputs, outputs, n =>
        {
            foreach (var (name, value) in intAttributes)
                n.Message(NodeAttribute, a => a.String(AttributeName, name).Varint(AttributeInt, value).Varint(AttributeType, AttributeTypeInt));
        });

    /// <summary>A node with one list-of-integers attribute (Transpose's perm, ReduceMean's axes before opset 18).</summary>
    public OnnxGraphBuilder Node(string opType, string[] inputs, string[] outputs, string attribute, long[] values) =>
        Node(opType, inputs, outputs, n => n.Message(NodeAttribute, a =>
        {
            a.String(AttributeName, attribute);
            foreach (var value in values)
                a.Varint(AttributeInts, value);
            a.Varint(AttributeType, AttributeTypeInts);
        }));

    /// <summary>A node with one subgraph attribute (Loop's and Scan's body, If's branches), the subgraph written by <paramref name="subgraph"/>.</summary>
    public OnnxGraphBuilder Node(string opType, string[] inputs, string[] outputs, string attribute, OnnxGraphBuilder subgraph, string subgraphName)
    {
        var fields = subgraph.GraphFields();
        return Node(opType, inputs, outputs, n => n.Message(NodeAttribute, a => a.String(AttributeName, attribute)
            .Message(AttributeGraph, g => g.String(GraphName, subgraphName).Verbatim(fields))
            .Varint(AttributeType, AttributeTypeGraph)));
    }

    private OnnxGraphBuilder Node(string opType, string[] inputs, string[] outputs, Action<ProtoWriter> writeAttributes)
    {
        graph.Message(GraphNode, n =>
        {
            foreach (var input in inputs)
                n.String(NodeInput, input);
            foreach (var output in outputs)
                n.String(NodeOutput, output);
            n.String(NodeOpType, opType);
            writeAttributes(n);
        });
        return this;
    }

    /// <param name="dims">null: any shape; each dimension a long (fixed), a string (symbolic) or null (unknown).</param>
    public OnnxGraphBuilder Input(string name, int elementType, object?[]? dims = null)
    {
        graph.Message(GraphInput, v => ValueInfo(v, name, elementType, dims));
        return this;
    }

    /// <param name="dims">null: any shape; each dimension a long (fixed), a string (symbolic) or null (unknown).</param>
    public OnnxGraphBuilder Output(string name, int elementType, object?[]? dims = null)
    {
        graph.Message(GraphOutput, v => ValueInfo(v, name, elementType, dims));
        return this;
    }

    public OnnxGraphBuilder Initializer(string name, int elementType, long[] dims, ReadOnlySpan<byte> raw)
    {
        var copy = raw.ToArray();
        graph.Message(GraphInitializer, t =>
        {
            foreach (var d in dims)
                t.Varint(TensorDims, d);
            t.Varint(TensorDataType, elementType).String(TensorName, name).Bytes(TensorRawData, copy);
        });
        return this;
    }

    /// <summary>The GraphProto fields written so far, to merge into another graph.</summary>
    public byte[] GraphFields() => graph.ToArray();

    /// <summary>A complete ModelProto around this graph.</summary>
    public byte[] Model(long opset, long irVersion = 8, string graphName = "eval")
    {
        var fields = GraphFields();
        return new ProtoWriter()
            .Varint(ModelIrVersion, irVersion)
            .String(ModelProducerName, "eval")
            .Message(OnnxModelFile.ModelGraph, g => g.String(GraphName, graphName).Verbatim(fields))
            .Message(ModelOpsetImport, o => o.Varint(OpsetVersion, opset))
            .ToArray();
    }

    private static void ValueInfo(ProtoWriter v, string name, int elementType, object?[]? dims)
    {
        v.String(ValueInfoName, name);
        v.Message(ValueInfoType, t => t.Message(TypeTensor, tensor =>
        {
            tensor.Varint(TensorTypeElement, elementType);
            if (dims is null)
                return;
            tensor.Message(TensorTypeShape, shape =>
            {
                foreach (var dim in dims)
                    shape.Message(ShapeDim, d =>
                    {
                        if (dim is long value)
                            d.Varint(DimValue, value);
                        else if (dim is int small)
                            d.Varint(DimValue, small);
                        else if (dim is string param)
                            d.String(DimParam, param);
                    });
            });
        }));
    }
}
