using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Eval.Core.Scenarios;

/// <summary>Reads and checks one scenario folder; any problem is a ScenarioDefinitionException naming file and field.</summary>
public static class ScenarioLoader
{
    public const string FileName = "scenario.yaml";

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static ScenarioDefinition Load(string directory)
    {
        var file = Path.Combine(directory, FileName);
        if (!File.Exists(file))
            throw new ScenarioDefinitionException(file, "(file)", "scenario.yaml is missing");

        ScenarioYaml raw;
        try
        {
            raw = Yaml.Deserialize<ScenarioYaml>(File.ReadAllText(file)) ?? new ScenarioYaml();
        }
        catch (YamlException e)
        {
            var field = e.InnerException?.Message ?? e.Message;
            throw new ScenarioDefinitionException(file, FieldFromYamlError(e), $"line {e.Start.Line}: {field}");
        }

        string Required(string? value, string field) =>
            string.IsNullOrWhiteSpace(value) ? throw new ScenarioDefinitionException(file, field, "is required") : value;

        var id = Required(raw.Id, "id");
        if (id != Path.GetFileName(Path.TrimEndingDirectorySeparator(directory)))
            throw new ScenarioDefinitionException(file, "id", $"'{id}' must equal the folder name");
        var version = raw.Version ?? throw new ScenarioDefinitionException(file, "version", "is required");
        if (version < 1)
            throw new ScenarioDefinitionException(file, "version", "must be a positive integer");

        var data = raw.Data ?? throw new ScenarioDefinitionException(file, "data", "is required");
        var format = Required(data.Format, "data.format");
        if (!KnownAdapters.DataFormats.Contains(format))
            throw new ScenarioDefinitionException(file, "data.format", $"unknown format '{format}'");
        var dataSpec = new DataSpec(Required(data.Files, "data.files"), format, data.SubsetBy);

        var instance = raw.Instance ?? throw new ScenarioDefinitionException(file, "instance", "is required");
        var choices = instance.Choices is { Count: > 0 } c ? c
            : throw new ScenarioDefinitionException(file, "instance.choices", "is required");
        var correct = instance.Correct ?? throw new ScenarioDefinitionException(file, "instance.correct", "is required");
        if (correct < 0 || correct >= choices.Count)
            throw new ScenarioDefinitionException(file, "instance.correct", $"must index instance.choices (0..{choices.Count - 1})");

        var adapter = Required(raw.Adapter, "adapter");
        if (!KnownAdapters.Conventions.TryGetValue(adapter, out var supported))
            throw new ScenarioDefinitionException(file, "adapter",
                $"unknown adapter '{adapter}' (known: {string.Join(", ", KnownAdapters.Conventions.Keys)})");
        var conventions = raw.Conventions is { Count: > 0 } ? raw.Conventions : [supported[0]];
        foreach (var convention in conventions.Where(cv => !supported.Contains(cv)))
            throw new ScenarioDefinitionException(file, "conventions", $"adapter '{adapter}' has no convention '{convention}'");

        var metrics = raw.Metrics is { Count: > 0 } m ? m : throw new ScenarioDefinitionException(file, "metrics", "is required");
        foreach (var metric in metrics.Where(x => !KnownAdapters.Metrics.Contains(x)))
            throw new ScenarioDefinitionException(file, "metrics", $"unknown metric '{metric}'");
        var mainMetric = Required(raw.MainMetric, "main_metric");
        if (!metrics.Contains(mainMetric))
            throw new ScenarioDefinitionException(file, "main_metric", $"'{mainMetric}' is not among metrics");

        SubsetGroupSpec? groups = null;
        if (raw.SubsetGroups is { } g)
            groups = new SubsetGroupSpec(Required(g.Field, "subset_groups.field"), g.Rename ?? new Dictionary<string, string>());

        var definition = new ScenarioDefinition(id, version, raw.DisplayName ?? id, Required(raw.Group, "group"),
            Path.GetFullPath(directory), dataSpec, new InstanceSpec(Required(instance.Id, "instance.id"), choices, correct),
            adapter, conventions, raw.Subsets ?? [], groups, metrics, mainMetric);

        if (InstanceReader.DataFiles(definition).Count == 0)
            throw new ScenarioDefinitionException(file, "data.files", $"no file matches '{dataSpec.Files}' in {directory}");
        return definition;
    }

    private static string FieldFromYamlError(YamlException e)
    {
        // YamlDotNet says "Property 'foo' not found on type ..." for unknown fields.
        var message = e.InnerException?.Message ?? e.Message;
        var start = message.IndexOf('\'');
        var end = start >= 0 ? message.IndexOf('\'', start + 1) : -1;
        return start >= 0 && end > start ? message[(start + 1)..end] : "(syntax)";
    }
}
