using System.Text.Json;
using System.Text.RegularExpressions;

namespace Eval.Core.Scenarios;

/// <summary>Reads a scenario's data files into instances, as its scenario.yaml describes them.</summary>
public static partial class InstanceReader
{
    public static IReadOnlyList<string> DataFiles(ScenarioDefinition scenario)
    {
        var pattern = scenario.Data.Files.Replace('\\', '/');
        var slash = pattern.LastIndexOf('/');
        var folder = Path.Combine(scenario.Directory, slash >= 0 ? pattern[..slash] : "");
        var mask = slash >= 0 ? pattern[(slash + 1)..] : pattern;
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, mask).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    public static IReadOnlyList<Instance> Read(ScenarioDefinition scenario)
    {
        var file = Path.Combine(scenario.Directory, ScenarioLoader.FileName);
        var instances = new List<Instance>();
        foreach (var path in DataFiles(scenario))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                using var doc = JsonDocument.Parse(line);
                instances.Add(ToInstance(scenario, doc.RootElement, file, $"{Path.GetFileName(path)}:{lineNumber}"));
            }
        }

        CheckSubsets(scenario, instances, file);
        return instances;
    }

    private static Instance ToInstance(ScenarioDefinition scenario, JsonElement record, string file, string where)
    {
        string Field(string name, string yamlField) =>
            record.TryGetProperty(name, out var value)
                ? value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText()
                : throw new ScenarioDefinitionException(file, yamlField, $"record {where} has no field '{name}'");

        var id = TemplateField().Replace(scenario.Instance.IdTemplate, m => Field(m.Groups[1].Value, "instance.id"));
        var references = scenario.Instance.Choices
            .Select((name, i) => new Reference(Field(name, "instance.choices"), i == scenario.Instance.Correct))
            .ToList();
        var subset = scenario.Data.SubsetBy is { } by ? Field(by, "data.subset_by") : null;
        var group = scenario.SubsetGroups is { } g ? g.GroupOf(Field(g.Field, "subset_groups.field")) : null;
        return new Instance(id, "", references, subset, group);
    }

    private static void CheckSubsets(ScenarioDefinition scenario, List<Instance> instances, string file)
    {
        if (scenario.Subsets.Count == 0)
            return;
        var found = instances.Select(i => i.Subset ?? "").ToHashSet();
        var missing = scenario.Subsets.Where(s => !found.Contains(s)).ToList();
        if (missing.Count > 0)
            throw new ScenarioDefinitionException(file, "subsets", $"no data for {string.Join(", ", missing)}");
        var undeclared = found.Except(scenario.Subsets).ToList();
        if (undeclared.Count > 0)
            throw new ScenarioDefinitionException(file, "subsets", $"data has undeclared subsets {string.Join(", ", undeclared)}");
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex TemplateField();
}
