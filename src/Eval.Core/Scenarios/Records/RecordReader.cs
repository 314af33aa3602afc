using System.Text.Json;
using System.Text.Json.Nodes;

namespace Eval.Core.Scenarios.Records;

/// <summary>
/// Reads one data file into records. Formats: jsonl (one object a line), json (an array, or an object holding the
/// array at a dotted path), csv (RFC 4180 with a header), tsv (header, tab-separated, unquoted), lines (each
/// non-blank line is a record with one field, text). Every record also gets _file (the file name) and _row (its
/// 1-based number in the file), so ids can be made for data that has none.
/// </summary>
public static class RecordReader
{
    public const string Jsonl = "jsonl";
    public const string Json = "json";
    public const string Csv = "csv";
    public const string Tsv = "tsv";
    public const string Lines = "lines";

    public static readonly IReadOnlySet<string> Formats = new HashSet<string> { Jsonl, Json, Csv, Tsv, Lines };

    public static IReadOnlyList<SourceRecord> Read(string path, string format, string? jsonPath)
    {
        var name = Path.GetFileName(path);
        var records = format switch
        {
            Jsonl => ReadJsonl(path, name),
            Json => ReadJson(path, name, jsonPath),
            Csv => ReadTable(path, name, ',', quoted: true),
            Tsv => ReadTable(path, name, '\t', quoted: false),
            Lines => ReadLines(path, name),
            _ => throw new ArgumentException($"unknown data format '{format}'", nameof(format)),
        };
        for (var i = 0; i < records.Count; i++)
        {
            records[i].Fields["_file"] = name;
            records[i].Fields["_row"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return records;
    }

    private static List<SourceRecord> ReadJsonl(string path, string name)
    {
        var records = new List<SourceRecord>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
                records.Add(new SourceRecord(AsObject(JsonNode.Parse(line), $"{name}:{lineNumber}"), $"{name}:{lineNumber}"));
        }
        return records;
    }

    private static List<SourceRecord> ReadJson(string path, string name, string? jsonPath)
    {
        var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        foreach (var part in (jsonPath ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries))
            node = node is JsonObject o && o.TryGetPropertyValue(part, out var child)
                ? child
                : throw new FormatException($"{name} has no '{jsonPath}'");
        if (node is not JsonArray array)
            throw new FormatException($"{name}{(jsonPath is null ? "" : " at " + jsonPath)} is not an array of records");
        var records = new List<SourceRecord>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i];
            // Detach the item so each record owns its fields and transforms may add to them.
            array[i] = null;
            records.Add(new SourceRecord(AsObject(item, $"{name}[{i}]"), $"{name}[{i}]"));
        }
        return records;
    }

    private static List<SourceRecord> ReadTable(string path, string name, char delimiter, bool quoted)
    {
        var rows = CsvParser.Parse(File.ReadAllText(path), delimiter, quoted);
        if (rows.Count == 0)
            return [];
        var header = rows[0];
        var records = new List<SourceRecord>(rows.Count - 1);
        for (var r = 1; r < rows.Count; r++)
        {
            var where = $"{name}: record {r}";
            if (rows[r].Count != header.Count)
                throw new FormatException($"{where} has {rows[r].Count} fields, the header {header.Count}");
            var fields = new JsonObject();
            for (var c = 0; c < header.Count; c++)
                fields[header[c]] = rows[r][c];
            records.Add(new SourceRecord(fields, where));
        }
        return records;
    }

    private static List<SourceRecord> ReadLines(string path, string name)
    {
        var records = new List<SourceRecord>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
                records.Add(new SourceRecord(new JsonObject { ["text"] = line }, $"{name}:{lineNumber}"));
        }
        return records;
    }

    private static JsonObject AsObject(JsonNode? node, string where) =>
        node as JsonObject ?? throw new FormatException($"{where} is not a JSON object");
}
