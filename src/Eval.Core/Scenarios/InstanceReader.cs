using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Eval.Core.Scenarios.Records;

namespace Eval.Core.Scenarios;

/// <summary>
/// Reads a scenario's data files into instances, as its scenario.yaml describes them: records from each file (in
/// file-name order), through the named transform if there is one, then the instance templates.
/// </summary>
public static class InstanceReader
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
        if (scenario.Efficiency is { } efficiency)
            return Efficiency.EfficiencyInstances.Create(efficiency);
        var file = scenario.File;
        var transform = scenario.Data.Transform is { } spec ? KnownTransforms.Create(scenario, spec) : null;
        var instances = new List<Instance>();
        foreach (var path in DataFiles(scenario))
        {
            IReadOnlyList<SourceRecord> records;
            try
            {
                records = RecordReader.Read(path, scenario.Data.Format, scenario.Data.JsonPath);
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                throw new ScenarioDefinitionException(file, "data.format", $"{Path.GetFileName(path)} cannot be read as {scenario.Data.Format}: {e.Message}");
            }
            foreach (var record in records)
            {
                IEnumerable<JsonObject> expanded;
                try
                {
                    expanded = transform is null ? [record.Fields] : transform.Apply(record.Fields).ToList();
                }
                catch (FormatException e)
                {
                    throw new ScenarioDefinitionException(file, "data.transform", $"record {record.Where}: {e.Message}");
                }
                instances.AddRange(expanded.Select(r => ToInstance(scenario, r, record.Where)));
            }
        }

        var duplicate = instances.GroupBy(i => i.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ScenarioDefinitionException(file, "instance.id", $"'{duplicate.Key}' is the id of {duplicate.Count()} instances");
        CheckSubsets(scenario, instances, file);
        return instances;
    }

    private static Instance ToInstance(ScenarioDefinition scenario, JsonObject record, string where)
    {
        var file = scenario.File;
        var spec = scenario.Instance;
        string Render(string template, string yamlField) => RecordTemplate.Render(template, record,
            name => new ScenarioDefinitionException(file, yamlField, $"record {where} has no field '{name}'"));
        string Field(string name, string yamlField) => RecordTemplate.Field(record, name)
            ?? throw new ScenarioDefinitionException(file, yamlField, $"record {where} has no field '{name}'");

        var id = Render(spec.IdTemplate, "instance.id");
        var input = scenario.Prompt.Preamble + Render(spec.InputTemplate, "instance.input");
        var references = spec.ChoiceSets.Count > 0 ? ChoiceSets(spec, record, where, file) : Choices(spec, Render, where, file);
        var subset = scenario.Data.SubsetBy is { } by ? Field(by, "data.subset_by") : null;
        var group = scenario.SubsetGroups is { } g ? g.GroupOf(Field(g.Field, "subset_groups.field")) : null;
        var tags = spec.Tags.Count == 0 ? null
            : spec.Tags.ToDictionary(kv => kv.Key, kv => Render(kv.Value, $"instance.tags.{kv.Key}"));
        return new Instance(id, input, references, subset, group, tags);
    }

    private static List<Reference> Choices(InstanceSpec spec, Func<string, string, string> render, string where, string file)
    {
        var correctText = render(spec.CorrectTemplate!, "instance.correct");
        if (!int.TryParse(correctText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var correct)
            || correct < 0 || correct >= spec.ChoiceTemplates.Count)
            throw new ScenarioDefinitionException(file, "instance.correct",
                $"record {where}: '{correctText}' is not a choice index (0..{spec.ChoiceTemplates.Count - 1})");
        return spec.ChoiceTemplates.Select((t, i) => new Reference(render(t, "instance.choices"), i == correct)).ToList();
    }

    private static List<Reference> ChoiceSets(InstanceSpec spec, JsonObject record, string where, string file)
    {
        var references = new List<Reference>();
        foreach (var set in spec.ChoiceSets)
        {
            var field = $"instance.choice_sets.{set.Name}";
            if (Pairs(RecordTemplate.Node(record, set.Field)) is not { Count: > 0 } answers)
                throw new ScenarioDefinitionException(file, field, $"record {where}: '{set.Field}' is not an object of answer -> label");
            foreach (var (text, label) in answers)
            {
                if (label is not JsonValue v || !v.TryGetValue<int>(out var value) || value is not (0 or 1))
                    throw new ScenarioDefinitionException(file, field, $"record {where}: the label of '{text}' is not 0 or 1");
                references.Add(new Reference(text, value == 1, set.Name));
            }
            if (!references.Any(r => r.Set == set.Name && r.IsCorrect))
                throw new ScenarioDefinitionException(file, field, $"record {where}: no answer is labelled 1");
        }
        return references;
    }

    /// <summary>
    /// An object of answer -> label, or (from a transform, where one text can carry both labels, as two TruthfulQA
    /// questions do) an array of [answer, label] pairs; null for anything else.
    /// </summary>
    private static List<KeyValuePair<string, JsonNode?>>? Pairs(JsonNode? node) => node switch
    {
        JsonObject o => o.ToList(),
        JsonArray a when a.All(p => p is JsonArray { Count: 2 } pair && pair[0] is JsonValue) =>
            a.Select(p => new KeyValuePair<string, JsonNode?>(p![0]!.ToString(), p[1])).ToList(),
        _ => null,
    };

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
}
