using Eval.Core.Metrics;

namespace Eval.Core.Efficiency;

/// <summary>
/// The efficiency scenario's metric ids (CONTRACTS.md) and the per-repetition stats (rep_*) they are computed from:
/// sizes and model memory are the largest over the repetitions (sizes are the same in each), timings the median (p50)
/// or 95th percentile over the repetitions, energy the median; a metric no repetition measured is absent.
/// </summary>
public static class EfficiencyMetrics
{
    public const string Parameters = "parameters";
    public const string FileBytes = "file_bytes";
    public const string ModelMemoryBytes = "model_memory_bytes";
    public const string TtftP50 = "ttft_ms_p50";
    public const string TtftP95 = "ttft_ms_p95";
    public const string DecodeMsPerTokenP50 = "decode_ms_per_token_p50";
    public const string PrefillTokensPerSecond = "prefill_tokens_per_s";
    public const string DecodeTokensPerSecond = "decode_tokens_per_s";
    public const string EnergyPerToken = "energy_j_per_token";
    public const string LoadAverage = "load_average";

    /// <summary>
    /// Scenario version 1's memory figure: the whole process's peak resident set (~4 GB in a worker whatever the
    /// model). Kept so that runs stored before version 2 still read; no new run records it.
    /// </summary>
    public const string LegacyPeakMemoryBytes = "peak_memory_bytes";

    public const string RepParameters = "rep_parameters";
    public const string RepFileBytes = "rep_file_bytes";
    public const string RepModelMemory = "rep_model_memory_bytes";
    public const string RepTtft = "rep_ttft_ms";
    public const string RepDecodeMsPerToken = "rep_decode_ms_per_token";
    public const string RepPrefillTokensPerSecond = "rep_prefill_tokens_per_s";
    public const string RepDecodeTokensPerSecond = "rep_decode_tokens_per_s";
    public const string RepEnergyPerToken = "rep_energy_j_per_token";
    public const string RepPromptTokens = "rep_prompt_tokens";
    public const string RepGeneratedTokens = "rep_generated_tokens";
    public const string RepLoadAverage = "rep_load_average";
    public const string RepLogicalCpus = "rep_logical_cpus";
    public const string LegacyRepPeakMemory = "rep_peak_memory_bytes";

    /// <summary>
    /// Each run figure: the repetition stat it summarizes and how (Quantile: that quantile of the repetitions; null:
    /// the largest). Figures summarized by a quantile have a spread (RepetitionSpread); the largest has none.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string Repetition, double? Quantile)> Figures =
        new Dictionary<string, (string, double?)>
        {
            [Parameters] = (RepParameters, null),
            [FileBytes] = (RepFileBytes, null),
            [ModelMemoryBytes] = (RepModelMemory, null),
            [LegacyPeakMemoryBytes] = (LegacyRepPeakMemory, null),
            [TtftP50] = (RepTtft, 0.5),
            [TtftP95] = (RepTtft, 0.95),
            [DecodeMsPerTokenP50] = (RepDecodeMsPerToken, 0.5),
            [PrefillTokensPerSecond] = (RepPrefillTokensPerSecond, 0.5),
            [DecodeTokensPerSecond] = (RepDecodeTokensPerSecond, 0.5),
            [EnergyPerToken] = (RepEnergyPerToken, 0.5),
            [LoadAverage] = (RepLoadAverage, 0.5),
        };

    public static readonly IReadOnlyDictionary<string, Func<IMetric>> Factories = Build();

    private static Dictionary<string, Func<IMetric>> Build()
    {
        var factories = new Dictionary<string, Func<IMetric>>();
        foreach (var (id, (rep, q)) in Figures)
            factories[id] = q is { } quantile ? () => new PercentileMetric(id, rep, quantile) : () => new MaxMetric(id, rep);
        foreach (var rep in Figures.Values.Select(f => f.Repetition).Distinct().Append(RepPromptTokens).Append(RepGeneratedTokens).Append(RepLogicalCpus))
            factories[rep] = () => new MeasuredValueMetric(rep);
        return factories;
    }

    /// <summary>The per-repetition stats a new run stores (the legacy one is only read).</summary>
    public static IEnumerable<string> RepetitionStats =>
        Factories.Keys.Where(k => k.StartsWith("rep_", StringComparison.Ordinal) && k != LegacyRepPeakMemory);

    public static bool IsEfficiency(string metric) => Factories.ContainsKey(metric);
}
