using Eval.Core.Adapters;
using Eval.Core.Metrics;
using Eval.Core.Scenarios.Records;

namespace Eval.Core.Scenarios;

/// <summary>
/// The registry a scenario.yaml is checked against: adapters and the conventions each understands (the first is
/// the default), metric ids (KnownMetrics), data formats and record transforms (KnownTransforms). A new adapter
/// (multiple_choice_joint) is one entry in Conventions and one case in Create.
/// </summary>
public static class KnownAdapters
{
    public const string MinimalPair = "minimal_pair";
    public const string MultipleChoiceSeparate = "multiple_choice_separate";
    public const string Generation = "generation";
    public const string Efficiency = "efficiency";

    /// <summary>Each adapter's conventions, from its AdapterKind.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Conventions { get; } =
        AdapterKind.All.ToDictionary(k => k.Id, k => k.Conventions);

    public static IReadOnlyCollection<string> Metrics => KnownMetrics.Ids;

    public static IReadOnlySet<string> DataFormats => RecordReader.Formats;

    public static IEnumerable<string> Transforms => KnownTransforms.All.Keys;

    public static IAdapter Create(ScenarioDefinition scenario, string convention)
    {
        if (!scenario.Conventions.Contains(convention))
            throw new ArgumentException($"scenario '{scenario.Id}' has no convention '{convention}' (known: {string.Join(", ", scenario.Conventions)})",
                nameof(convention));
        return scenario.Adapter switch
        {
            MinimalPair => new MinimalPairAdapter(convention),
            MultipleChoiceSeparate => new MultipleChoiceSeparateAdapter(convention, scenario.Prompt.TargetDelimiter),
            Generation => new GenerationAdapter(scenario.Generation),
            Efficiency => new EfficiencyAdapter(scenario.Efficiency
                ?? throw new InvalidOperationException($"scenario '{scenario.Id}' has no efficiency section")),
            _ => throw new NotSupportedException($"adapter '{scenario.Adapter}' is not supported"),
        };
    }
}
