using Eval.Core.Metrics;

namespace Eval.Core.Efficiency;

/// <summary>
/// The efficiency scenario's metric ids (CONTRACTS.md) and the per-repetition stats (rep_*) they are computed from:
/// sizes and peak memory are the largest over the repetitions (sizes are the same in each), timings the median (p50)
/// or 95th percentile over the repetitions, energy the median; a metric no repetition measured is absent.
/// </summary>
public static class EfficiencyMetrics
{
    public const string Parameters = "parameters";
    public const string FileBytes = "file_bytes";
    public const string PeakMemoryBytes = "peak_memory_bytes";
    public const string TtftP50 = "ttft_ms_p50";
    public const string TtftP95 = "ttft_ms_p95";
    public const string DecodeMsPerTokenP50 = "decode_ms_per_token_p50";
    public const string PrefillTokensPerSecond = "prefill_tokens_per_s";
    public const string DecodeTokensPerSecond = "decode_tokens_per_s";
    public const string EnergyPerToken = "energy_j_per_token";

    public const string RepParameters = "rep_parameters";
    public const string RepFileBytes = "rep_file_bytes";
    public const string RepPeakMemory = "rep_peak_memory_bytes";
    public const string RepTtft = "rep_ttft_ms";
    public const string RepDecodeMsPerToken = "rep_decode_ms_per_token";
    public const string RepPrefillTokensPerSecond = "rep_prefill_tokens_per_s";
    public const string RepDecodeTokensPerSecond = "rep_decode_tokens_per_s";
    public const string RepEnergyPerToken = "rep_energy_j_per_token";
    public const string RepPromptTokens = "rep_prompt_tokens";
    public const string RepGeneratedTokens = "rep_generated_tokens";

    public static readonly IReadOnlyDictionary<string, Func<IMetric>> Factories = new Dictionary<string, Func<IMetric>>
    {
        [Parameters] = () => new MaxMetric(Parameters, RepParameters),
        [FileBytes] = () => new MaxMetric(FileBytes, RepFileBytes),
        [PeakMemoryBytes] = () => new MaxMetric(PeakMemoryBytes, RepPeakMemory),
        [TtftP50] = () => new PercentileMetric(TtftP50, RepTtft, 0.5),
        [TtftP95] = () => new PercentileMetric(TtftP95, RepTtft, 0.95),
        [DecodeMsPerTokenP50] = () => new PercentileMetric(DecodeMsPerTokenP50, RepDecodeMsPerToken, 0.5),
        [PrefillTokensPerSecond] = () => new PercentileMetric(PrefillTokensPerSecond, RepPrefillTokensPerSecond, 0.5),
        [DecodeTokensPerSecond] = () => new PercentileMetric(DecodeTokensPerSecond, RepDecodeTokensPerSecond, 0.5),
        [EnergyPerToken] = () => new PercentileMetric(EnergyPerToken, RepEnergyPerToken, 0.5),
        [RepParameters] = () => new MeasuredValueMetric(RepParameters),
        [RepFileBytes] = () => new MeasuredValueMetric(RepFileBytes),
        [RepPeakMemory] = () => new MeasuredValueMetric(RepPeakMemory),
        [RepTtft] = () => new MeasuredValueMetric(RepTtft),
        [RepDecodeMsPerToken] = () => new MeasuredValueMetric(RepDecodeMsPerToken),
        [RepPrefillTokensPerSecond] = () => new MeasuredValueMetric(RepPrefillTokensPerSecond),
        [RepDecodeTokensPerSecond] = () => new MeasuredValueMetric(RepDecodeTokensPerSecond),
        [RepEnergyPerToken] = () => new MeasuredValueMetric(RepEnergyPerToken),
        [RepPromptTokens] = () => new MeasuredValueMetric(RepPromptTokens),
        [RepGeneratedTokens] = () => new MeasuredValueMetric(RepGeneratedTokens),
    };

    public static IEnumerable<string> RepetitionStats => Factories.Keys.Where(k => k.StartsWith("rep_", StringComparison.Ordinal));

    public static bool IsEfficiency(string metric) => Factories.ContainsKey(metric);
}
