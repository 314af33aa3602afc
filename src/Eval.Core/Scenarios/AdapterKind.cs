using Eval.Core.Adapters;
using Eval.Core.Models;

namespace Eval.Core.Scenarios;

/// <summary>
/// What a scenario's adapter is, as data every layer reads instead of comparing adapter names: its conventions (the
/// first is the default), how many requests an instance makes, whether its answers may come from the request cache,
/// whether it is a measurement (efficiency: figures depend on the hardware), which model kinds it accepts, and
/// whether the quick suite caps its sample (generation is slow per instance).
/// </summary>
public sealed record AdapterKind(
    string Id,
    IReadOnlyList<string> Conventions,
    bool ScoresSentences,
    bool Generates,
    bool IsMeasurement)
{
    public static readonly AdapterKind MinimalPair = new(KnownAdapters.MinimalPair, MinimalPairConventions.All, true, false, false);
    public static readonly AdapterKind MultipleChoiceSeparate = new(KnownAdapters.MultipleChoiceSeparate, MultipleChoiceConventions.All, false, false, false);
    public static readonly AdapterKind Generation = new(KnownAdapters.Generation, GenerationConventions.All, false, true, false);
    // Efficiency generates too, but to time it: its completions are not scored (Generates is about scoring text).
    public static readonly AdapterKind Efficiency = new(KnownAdapters.Efficiency, EfficiencyAdapter.Conventions, false, false, true);

    public static IReadOnlyList<AdapterKind> All { get; } = [MinimalPair, MultipleChoiceSeparate, Generation, Efficiency];

    public static bool TryGet(string id, out AdapterKind kind)
    {
        kind = All.FirstOrDefault(k => k.Id == id)!;
        return kind is not null;
    }

    /// <summary>The kind of a validated adapter id; unknown ids are refused when a scenario.yaml loads.</summary>
    public static AdapterKind Of(string id) =>
        TryGet(id, out var kind) ? kind : throw new NotSupportedException($"adapter '{id}' is not supported");

    /// <summary>A measurement must run every time: a cached answer would replay another run's timings.</summary>
    public bool Cacheable => !IsMeasurement;

    /// <summary>A masked LM has no conditional continuation: it can only score whole sentences (minimal pairs).</summary>
    public bool Accepts(ModelKind model) => model == ModelKind.Causal || ScoresSentences;

    /// <summary>The quick suite caps a generating scenario's sample (Eval:Suites:Quick:GenerationMaxInstancesPerSubset).</summary>
    public bool CapsQuickSample => Generates;

    /// <summary>One completion per generated or measured instance; one scored request per reference otherwise.</summary>
    public int RequestsPerInstance(Instance instance) => Generates || IsMeasurement ? 1 : instance.References.Count;

    /// <summary>The most tokens an instance may generate: the scenario's maximum when it generates, the measured count
    /// for efficiency, none when it only scores.</summary>
    public int MaxGeneratedTokens(ScenarioDefinition scenario) =>
        Generates ? scenario.Generation.MaxTokens : IsMeasurement ? scenario.Efficiency?.GeneratedTokens ?? 0 : 0;

    /// <summary>Every reference is a candidate answer for a minimal pair; multiple choice may hold extra references back.</summary>
    public bool EveryReferenceIsAChoice => ScoresSentences;
}
