namespace Eval.Core.Models;

/// <summary>
/// A whole text's natural-log probability (every token, the bos/eos id as the first context), its token count and
/// UTF-8 byte count; perplexity and bits per byte as HELM's language_modeling metrics define them.
/// </summary>
public sealed record LogLikelihoodRollingResult(double LogProb, int TokenCount, int ByteCount)
{
    public double Perplexity => TokenCount == 0 ? double.NaN : Math.Exp(-LogProb / TokenCount);

    public double BitsPerByte => ByteCount == 0 ? double.NaN : -LogProb / ByteCount / Math.Log(2);
}
