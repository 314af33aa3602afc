using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Eval.Core.Scenarios.Records;

/// <summary>
/// Fills "{field}" (or "{a.b}" for nested JSON) with a record's values; "{{" and "}}" are literal braces. Strings
/// go in as they are, other JSON values as JSON text.
/// </summary>
public static partial class RecordTemplate
{
    public static string Render(string template, JsonObject record, Func<string, Exception> missing) =>
        Placeholder().Replace(template, m => m.Value switch
        {
            "{{" => "{",
            "}}" => "}",
            _ => Field(record, m.Groups[1].Value) ?? throw missing(m.Groups[1].Value),
        });

    /// <summary>The field names a template reads.</summary>
    public static IEnumerable<string> Fields(string template) =>
        Placeholder().Matches(template).Where(m => m.Groups[1].Success).Select(m => m.Groups[1].Value);

    public static string? Field(JsonObject record, string path) => Node(record, path) switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        var node => node.ToJsonString(),
    };

    public static JsonNode? Node(JsonObject record, string path)
    {
        JsonNode? node = record;
        foreach (var part in path.Split('.'))
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(part, out node))
                return null;
        }
        return node;
    }

    [GeneratedRegex(@"\{\{|\}\}|\{([A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Placeholder();
}
