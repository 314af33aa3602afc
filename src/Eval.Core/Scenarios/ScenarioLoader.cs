using Eval.Core.Efficiency;
using Eval.Core.Metrics;
using Eval.Core.Scenarios.Perturbations;
using Eval.Core.Scenarios.Records;
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
        var file = Path.Combine(Path.GetFullPath(directory), FileName);
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

        ScenarioDefinitionException Problem(string field, string problem) => new(file, field, problem);
        string Required(string? value, string field) => string.IsNullOrWhiteSpace(value) ? throw Problem(field, "is required") : value;

        var id = Required(raw.Id, "id");
        if (id != Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))))
            throw Problem("id", $"'{id}' must equal the folder name");
        var version = raw.Version ?? throw Problem("version", "is required");
        if (version < 1)
            throw Problem("version", "must be a positive integer");
        var group = Required(raw.Group, "group");

        var adapter = Required(raw.Adapter, "adapter");
        DataSpec dataSpec;
        PromptSpec prompt;
        InstanceSpec instance;
        EfficiencySpec? efficiency = null;
        if (AdapterKind.TryGet(adapter, out var adapterKind) && adapterKind.IsMeasurement)
        {
            // The measurement makes its own prompts: a data or instance section would be read by nothing.
            if (raw.Data is not null)
                throw Problem("data", "adapter efficiency makes synthetic prompts; remove data");
            if (raw.Instance is not null)
                throw Problem("instance", "adapter efficiency makes synthetic prompts; remove instance");
            efficiency = ReadEfficiency(raw.Efficiency ?? throw Problem("efficiency", "is required for adapter efficiency"), Problem);
            dataSpec = new DataSpec("", "", null);
            prompt = PromptSpec.None;
            instance = new InstanceSpec("", "", [], [], null, new Dictionary<string, string>());
        }
        else
        {
            if (raw.Efficiency is not null)
                throw Problem("efficiency", "only adapter efficiency has an efficiency section");
            var data = raw.Data ?? throw Problem("data", "is required");
            var format = Required(data.Format, "data.format");
            if (!KnownAdapters.DataFormats.Contains(format))
                throw Problem("data.format", $"unknown format '{format}' (known: {string.Join(", ", KnownAdapters.DataFormats.Order(StringComparer.Ordinal))})");
            if (data.Path is not null && format != RecordReader.Json)
                throw Problem("data.path", "only format json has a path");
            TransformSpec? dataTransform = null;
            if (data.Transform is { } t)
            {
                var name = Required(t.GetValueOrDefault("name"), "data.transform.name");
                dataTransform = new TransformSpec(name, t.Where(kv => kv.Key != "name").ToDictionary(kv => kv.Key, kv => kv.Value));
            }
            dataSpec = new DataSpec(Required(data.Files, "data.files"), format, data.SubsetBy, data.Path, dataTransform);

            prompt = ReadPrompt(raw.Prompt, directory, Problem);
            instance = ReadInstance(raw.Instance ?? throw Problem("instance", "is required"), Problem, Required);
        }

        if (!KnownAdapters.Conventions.TryGetValue(adapter, out var supported))
            throw Problem("adapter", $"unknown adapter '{adapter}' (known: {string.Join(", ", KnownAdapters.Conventions.Keys)})");
        var conventions = raw.Conventions is { Count: > 0 } ? raw.Conventions : [supported[0]];
        foreach (var convention in conventions.Where(cv => !supported.Contains(cv)))
            throw Problem("conventions", $"adapter '{adapter}' has no convention '{convention}' (known: {string.Join(", ", supported)})");

        var metrics = raw.Metrics is { Count: > 0 } m ? m : throw Problem("metrics", "is required");
        foreach (var metric in metrics.Where(x => !KnownAdapters.Metrics.Contains(x)))
            throw Problem("metrics", $"unknown metric '{metric}' (known: {string.Join(", ", KnownAdapters.Metrics.Order(StringComparer.Ordinal))})");
        var mainMetric = Required(raw.MainMetric, "main_metric");
        if (!metrics.Contains(mainMetric))
            throw Problem("main_metric", $"'{mainMetric}' is not among metrics");

        SubsetGroupSpec? groups = null;
        if (raw.SubsetGroups is { } g)
            groups = new SubsetGroupSpec(Required(g.Field, "subset_groups.field"), g.Rename ?? new Dictionary<string, string>());

        var perturbations = raw.Perturbations ?? [];
        foreach (var p in perturbations.Where(p => !KnownPerturbations.All.ContainsKey(p)))
            throw Problem("perturbations", $"unknown perturbation '{p}' (known: {string.Join(", ", KnownPerturbations.All.Keys.Order(StringComparer.Ordinal))})");

        var definition = new ScenarioDefinition(id, version, raw.DisplayName ?? id, group, Path.GetFullPath(directory), dataSpec,
            instance, prompt, adapter, conventions, raw.Subsets ?? [], groups, metrics, mainMetric, perturbations, efficiency)
        {
            Generation = ReadGeneration(raw.Generation, adapter, Problem),
        };

        if (efficiency is null && InstanceReader.DataFiles(definition).Count == 0)
            throw Problem("data.files", $"no file matches '{dataSpec.Files}' in {directory}");
        if (dataSpec.Transform is { } transform)
            KnownTransforms.Create(definition, transform);
        var metricSet = KnownMetrics.For(definition);
        foreach (var metric in metricSet.All)
            if (metric.Problem(definition) is { } problem)
                throw Problem("metrics", problem);
        return definition;
    }

    private static EfficiencySpec ReadEfficiency(EfficiencyYaml raw, Func<string, string, ScenarioDefinitionException> problem)
    {
        var lengths = raw.PromptLengths is { Count: > 0 } l ? l : throw problem("efficiency.prompt_lengths", "is required");
        if (lengths.Any(n => n < 1))
            throw problem("efficiency.prompt_lengths", "every length must be at least 1 token");
        if (lengths.Distinct().Count() != lengths.Count)
            throw problem("efficiency.prompt_lengths", "a length is listed twice");
        int Positive(int? value, string field, int min) =>
            value is { } v ? v >= min ? v : throw problem(field, $"must be at least {min}") : throw problem(field, "is required");
        return new EfficiencySpec(lengths, Positive(raw.GeneratedTokens, "efficiency.generated_tokens", 2),
            Positive(raw.Warmup, "efficiency.warmup", 0), Positive(raw.Repeats, "efficiency.repeats", 1), raw.Seed ?? 0,
            raw.WarmupSeconds is { } seconds ? seconds >= 0 ? seconds : throw problem("efficiency.warmup_seconds", "must not be negative") : 0);
    }

    private static GenerationSpec ReadGeneration(GenerationYaml? generation, string adapter, Func<string, string, ScenarioDefinitionException> problem)
    {
        if (generation is null)
            return GenerationSpec.Default;
        if (!(AdapterKind.TryGet(adapter, out var kind) && kind.Generates))
            throw problem("generation", $"only adapter '{KnownAdapters.Generation}' generates; remove generation or change the adapter");
        var maxTokens = generation.MaxTokens ?? GenerationSpec.Default.MaxTokens;
        if (maxTokens < 1)
            throw problem("generation.max_tokens", "must be a positive integer");
        var stop = generation.Stop ?? [.. GenerationSpec.Default.Stop];
        if (stop.Any(string.IsNullOrEmpty))
            throw problem("generation.stop", "a stop sequence cannot be empty");
        return new GenerationSpec(maxTokens, stop);
    }

    private static PromptSpec ReadPrompt(PromptYaml? prompt, string directory, Func<string, string, ScenarioDefinitionException> problem)
    {
        if (prompt is null)
            return PromptSpec.None;
        if (prompt.Preamble is not null && prompt.PreambleFile is not null)
            throw problem("prompt.preamble_file", "give prompt.preamble or prompt.preamble_file, not both");
        var preamble = prompt.Preamble ?? "";
        if (prompt.PreambleFile is { } relative)
        {
            var path = Path.Combine(directory, relative);
            preamble = File.Exists(path) ? File.ReadAllText(path) : throw problem("prompt.preamble_file", $"file '{relative}' does not exist in {directory}");
        }
        return new PromptSpec(preamble, prompt.TargetDelimiter ?? PromptSpec.DefaultTargetDelimiter);
    }

    private static InstanceSpec ReadInstance(InstanceYaml instance, Func<string, string, ScenarioDefinitionException> problem,
        Func<string?, string, string> required)
    {
        var idTemplate = required(instance.Id, "instance.id");
        var forms = new[] { instance.Choices is { Count: > 0 }, instance.ChoiceTexts is { Count: > 0 }, instance.ChoiceSets is { Count: > 0 } };
        if (forms.Count(f => f) != 1)
            throw problem("instance.choices", "give exactly one of instance.choices (field names), instance.choice_texts (templates) or instance.choice_sets");

        var sets = (instance.ChoiceSets ?? new Dictionary<string, string>()).Select(kv => new ChoiceSetSpec(kv.Key, kv.Value)).ToList();
        var templates = instance.Choices is { Count: > 0 } fields
            ? fields.Select(f => "{" + f + "}").ToList()
            : instance.ChoiceTexts ?? [];
        string? correct = null;
        if (sets.Count == 0)
        {
            correct = required(instance.Correct, "instance.correct");
            if (int.TryParse(correct, out var index) && (index < 0 || index >= templates.Count))
                throw problem("instance.correct", $"must index the choices (0..{templates.Count - 1})");
        }
        else if (instance.Correct is not null)
            throw problem("instance.correct", "choice sets carry their own labels; remove instance.correct");
        return new InstanceSpec(idTemplate, instance.Input ?? "", templates, sets, correct, instance.Tags ?? new Dictionary<string, string>());
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
