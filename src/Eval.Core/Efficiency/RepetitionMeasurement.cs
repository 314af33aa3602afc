using Eval.Core.Models;

namespace Eval.Core.Efficiency;

/// <summary>
/// One recorded generation's figures, from the engine's own timings (GenerationResult): time to first token = the
/// prompt's forward pass and the first token's choice; prefill tokens/s = prompt tokens / that time; decode = every
/// later token (its decoder step with the key/value cache, sampling and detokenization), as mean ms per token and
/// tokens/s. Energy per token = the meter's joules over the whole generation / tokens generated; null when no meter.
/// </summary>
public sealed record RepetitionMeasurement(
    int PromptTokens,
    int GeneratedTokens,
    double TtftMs,
    double PrefillTokensPerSecond,
    double? DecodeMsPerToken,
    double? DecodeTokensPerSecond,
    double? EnergyJoulesPerToken)
{
    public static RepetitionMeasurement From(GenerationResult result, double? joules)
    {
        var generated = result.TokenLatenciesMs.Count;
        var decodeMs = result.TokenLatenciesMs.Skip(1).Sum();
        var decoded = generated - 1;
        return new RepetitionMeasurement(
            result.PromptTokenCount,
            generated,
            result.TimeToFirstTokenMs,
            result.PromptTokenCount / (result.TimeToFirstTokenMs / 1000.0),
            decoded > 0 ? decodeMs / decoded : null,
            decoded > 0 && decodeMs > 0 ? decoded / (decodeMs / 1000.0) : null,
            joules is { } j && generated > 0 ? j / generated : null);
    }
}
