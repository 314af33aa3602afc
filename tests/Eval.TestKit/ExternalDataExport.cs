using Eval.Inference.Onnx.Graph;

namespace Eval.TestKit;

/// <summary>
/// Writes a model with its weights moved out of the graph into ONNX external data, as exporters store large models:
/// Optimum puts every tensor in one <c>model.onnx_data</c>, torch.onnx (all_tensors_to_one_file=False) one file per
/// tensor named after the initializer. A main-graph initializer with raw_data of at least 1 KiB moves (onnx's
/// save_as_external_data size_threshold: small constants stay inline, where shape inference reads them); <c>place</c> says
/// where (a location as the graph will declare it, relative to the graph's folder; the bytes are written there, so
/// an attack fixture may name a path outside the folder).
/// </summary>
public static class ExternalDataExport
{
    // Field numbers of onnx.proto3 (ModelProto, GraphProto, TensorProto, StringStringEntryProto).
    private const int ModelGraph = 7;
    private const int GraphInitializer = 5;
    private const int TensorName = 8;
    private const int TensorRawData = 9;
    private const int TensorExternalData = 13;
    private const int TensorDataLocation = 14;
    private const int External = 1;
    private const int SizeThreshold = 1024;

    /// <summary>One file for all tensors, as Optimum writes (<c>model.onnx_data</c> beside <c>model.onnx</c>).</summary>
    public static Func<string, string> OneFile(string location) => _ => location;

    /// <summary>One file per tensor named after it, as torch.onnx writes without all_tensors_to_one_file.</summary>
    public static string PerTensor(string tensor) => tensor.Replace('/', '_').Replace(':', '_');

    /// <summary>Writes <paramref name="graphPath"/> and its external files; returns the locations in the order first used.</summary>
    public static IReadOnlyList<string> Write(byte[] model, string graphPath, Func<string, string> place, Func<string, bool>? which = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(graphPath))!;
        var offsets = new Dictionary<string, long>(StringComparer.Ordinal);
        var writer = new ProtoWriter();
        var reader = new ProtoReader(model);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == ModelGraph && reader.WireType == WireType.LengthDelimited)
            {
                writer.Bytes(ModelGraph, Graph(reader.ReadBytes(), folder, place, which ?? (_ => true), offsets));
                continue;
            }
            reader.Skip();
            writer.Verbatim(model.AsSpan(start, reader.Position - start));
        }
        File.WriteAllBytes(graphPath, writer.ToArray());
        return [.. offsets.Keys];
    }

    private static byte[] Graph(ReadOnlySpan<byte> graph, string folder, Func<string, string> place, Func<string, bool> which,
        Dictionary<string, long> offsets)
    {
        var writer = new ProtoWriter();
        var reader = new ProtoReader(graph);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == GraphInitializer && reader.WireType == WireType.LengthDelimited)
            {
                var tensor = reader.ReadBytes();
                writer.Bytes(GraphInitializer, Tensor(tensor, folder, place, which, offsets) ?? tensor.ToArray());
                continue;
            }
            reader.Skip();
            writer.Verbatim(graph[start..reader.Position]);
        }
        return writer.ToArray();
    }

    /// <returns>The tensor with its raw_data replaced by an external-data reference; null to keep it as it is.</returns>
    private static byte[]? Tensor(ReadOnlySpan<byte> tensor, string folder, Func<string, string> place, Func<string, bool> which,
        Dictionary<string, long> offsets)
    {
        var name = "";
        byte[]? raw = null;
        var kept = new ProtoWriter();
        var reader = new ProtoReader(tensor);
        while (reader.Next())
        {
            var start = reader.FieldStart;
            if (reader.FieldNumber == TensorRawData && reader.WireType == WireType.LengthDelimited)
            {
                raw = reader.ReadBytes().ToArray();
                continue;
            }
            if (reader.FieldNumber == TensorName && reader.WireType == WireType.LengthDelimited)
                name = reader.ReadString();
            else
                reader.Skip();
            kept.Verbatim(tensor[start..reader.Position]);
        }
        if (raw is null || raw.Length < SizeThreshold || !which(name))
            return null;

        var location = place(name);
        var offset = offsets.GetValueOrDefault(location);
        var path = Path.GetFullPath(Path.Combine(folder, location));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = new FileStream(path, offset == 0 ? FileMode.Create : FileMode.Append, FileAccess.Write))
            stream.Write(raw);
        offsets[location] = offset + raw.Length;
        return kept
            .Message(TensorExternalData, e => e.String(1, "location").String(2, location))
            .Message(TensorExternalData, e => e.String(1, "offset").String(2, offset.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Message(TensorExternalData, e => e.String(1, "length").String(2, raw.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Varint(TensorDataLocation, External)
            .ToArray();
    }
}
