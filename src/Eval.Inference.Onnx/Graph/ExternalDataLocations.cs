namespace Eval.Inference.Onnx.Graph;

/// <summary>
/// Every external-data <c>location</c> a model declares, wherever a tensor can sit: initializers and sparse
/// initializers of the main graph and of every subgraph (If/Loop/Scan branches), tensors in node attributes
/// (Constant), functions and training graphs. ONNX Runtime opens each of these files, so each must be checked
/// before a session is built; weight bytes themselves are skipped, never read.
/// </summary>
public static class ExternalDataLocations
{
    // Field numbers of onnx.proto3.
    private const int ModelGraph = 7;
    private const int ModelTrainingInfo = 20;
    private const int ModelFunctions = 25;
    private const int TrainingInitialization = 1;
    private const int TrainingAlgorithm = 2;
    private const int FunctionNode = 7;
    private const int GraphNode = 1;
    private const int GraphInitializer = 5;
    private const int GraphSparseInitializer = 15;
    private const int NodeAttribute = 5;
    private const int AttributeTensor = 5;
    private const int AttributeGraph = 6;
    private const int AttributeTensors = 10;
    private const int AttributeGraphs = 11;
    private const int AttributeSparseTensor = 22;
    private const int AttributeSparseTensors = 23;
    private const int SparseValues = 1;
    private const int SparseIndices = 2;
    private const int TensorName = 8;
    private const int TensorExternalData = 13;
    private const int EntryKey = 1;
    private const int EntryValue = 2;
    private const string LocationKey = "location";

    /// <summary>Each tensor's name and external-data location, in file order; empty when every weight is inline.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a protobuf ONNX model.</exception>
    public static IReadOnlyList<(string Tensor, string Location)> Read(ReadOnlySpan<byte> model)
    {
        var found = new List<(string, string)>();
        var reader = new ProtoReader(model);
        while (reader.Next())
        {
            if (reader.WireType != WireType.LengthDelimited)
                reader.Skip();
            else if (reader.FieldNumber == ModelGraph)
                Graph(reader.ReadBytes(), found);
            else if (reader.FieldNumber == ModelFunctions)
                Nodes(reader.ReadBytes(), FunctionNode, found);
            else if (reader.FieldNumber == ModelTrainingInfo)
                TrainingInfo(reader.ReadBytes(), found);
            else
                reader.Skip();
        }
        return found;
    }

    private static void TrainingInfo(ReadOnlySpan<byte> info, List<(string, string)> found)
    {
        var reader = new ProtoReader(info);
        while (reader.Next())
        {
            if (reader.FieldNumber is TrainingInitialization or TrainingAlgorithm && reader.WireType == WireType.LengthDelimited)
                Graph(reader.ReadBytes(), found);
            else
                reader.Skip();
        }
    }

    private static void Graph(ReadOnlySpan<byte> graph, List<(string, string)> found)
    {
        var reader = new ProtoReader(graph);
        while (reader.Next())
        {
            if (reader.WireType != WireType.LengthDelimited)
                reader.Skip();
            else if (reader.FieldNumber == GraphInitializer)
                Tensor(reader.ReadBytes(), found);
            else if (reader.FieldNumber == GraphSparseInitializer)
                SparseTensor(reader.ReadBytes(), found);
            else if (reader.FieldNumber == GraphNode)
                Node(reader.ReadBytes(), found);
            else
                reader.Skip();
        }
    }

    /// <summary>The nodes (field <paramref name="nodeField"/>) of a graph-like message such as a FunctionProto.</summary>
    private static void Nodes(ReadOnlySpan<byte> message, int nodeField, List<(string, string)> found)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.FieldNumber == nodeField && reader.WireType == WireType.LengthDelimited)
                Node(reader.ReadBytes(), found);
            else
                reader.Skip();
        }
    }

    private static void Node(ReadOnlySpan<byte> node, List<(string, string)> found)
    {
        var reader = new ProtoReader(node);
        while (reader.Next())
        {
            if (reader.FieldNumber == NodeAttribute && reader.WireType == WireType.LengthDelimited)
                Attribute(reader.ReadBytes(), found);
            else
                reader.Skip();
        }
    }

    private static void Attribute(ReadOnlySpan<byte> attribute, List<(string, string)> found)
    {
        var reader = new ProtoReader(attribute);
        while (reader.Next())
        {
            if (reader.WireType != WireType.LengthDelimited)
                reader.Skip();
            else if (reader.FieldNumber is AttributeTensor or AttributeTensors)
                Tensor(reader.ReadBytes(), found);
            else if (reader.FieldNumber is AttributeGraph or AttributeGraphs)
                Graph(reader.ReadBytes(), found);
            else if (reader.FieldNumber is AttributeSparseTensor or AttributeSparseTensors)
                SparseTensor(reader.ReadBytes(), found);
            else
                reader.Skip();
        }
    }

    private static void SparseTensor(ReadOnlySpan<byte> sparse, List<(string, string)> found)
    {
        var reader = new ProtoReader(sparse);
        while (reader.Next())
        {
            if (reader.FieldNumber is SparseValues or SparseIndices && reader.WireType == WireType.LengthDelimited)
                Tensor(reader.ReadBytes(), found);
            else
                reader.Skip();
        }
    }

    private static void Tensor(ReadOnlySpan<byte> tensor, List<(string, string)> found)
    {
        var name = "";
        var locations = new List<string>();
        var reader = new ProtoReader(tensor);
        while (reader.Next())
        {
            if (reader.FieldNumber == TensorName && reader.WireType == WireType.LengthDelimited)
                name = reader.ReadString();
            else if (reader.FieldNumber == TensorExternalData && reader.WireType == WireType.LengthDelimited)
            {
                if (Entry(reader.ReadBytes()) is { Key: LocationKey } entry)
                    locations.Add(entry.Value);
            }
            else
                reader.Skip();
        }
        foreach (var location in locations)
            found.Add((name, location));
    }

    private static (string Key, string Value)? Entry(ReadOnlySpan<byte> entry)
    {
        string key = "", value = "";
        var reader = new ProtoReader(entry);
        while (reader.Next())
        {
            if (reader.FieldNumber == EntryKey && reader.WireType == WireType.LengthDelimited)
                key = reader.ReadString();
            else if (reader.FieldNumber == EntryValue && reader.WireType == WireType.LengthDelimited)
                value = reader.ReadString();
            else
                reader.Skip();
        }
        return (key, value);
    }
}
