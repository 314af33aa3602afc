using System.Globalization;

namespace Eval.Bench;

/// <summary>One side's generation run: prompt tokens and seconds of the prefills, generated tokens and seconds in all.</summary>
public sealed record GenerationFigures(int Prompts, long PromptTokens, double PrefillSeconds, long Generated, double TotalSeconds)
{
    /// <summary>Generated tokens per second, prefill included: what a user waits for.</summary>
    public double TokensPerSecond => Generated / TotalSeconds;

    public double PrefillTokensPerSecond => PromptTokens / PrefillSeconds;

    /// <summary>Tokens after each row's first (which comes from its prefill) per second of the remaining time.</summary>
    public double DecodeTokensPerSecond => (Generated - Prompts) / (TotalSeconds - PrefillSeconds);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Prompts} prompts, {Generated} tokens in {TotalSeconds:F2}s = {SignificantDigits.Format(TokensPerSecond)} tokens/s; " +
        $"prefill {SignificantDigits.Format(PrefillTokensPerSecond)} tokens/s, decode {SignificantDigits.Format(DecodeTokensPerSecond)} tokens/s");
}
