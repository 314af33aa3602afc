using Eval.Core.Models;

namespace Eval.Core.Adapters;

/// <summary>How a sentence of a minimal pair is put to the model (CONTRACTS.md, BLiMP conventions).</summary>
public static class MinimalPairConventions
{
    /// <summary>lm-evaluation-harness: one leading space, the bos/eos id as context, summed log-probs.</summary>
    public const string EotSpace = "eot_space";

    public const string EotNoSpace = "eot_nospace";

    /// <summary>HELM: the eot_space input, scored by mean log-prob per token (the adapter divides).</summary>
    public const string LengthNormalized = "length_normalized";

    /// <summary>Masked LMs: pseudo-log-likelihood (Salazar et al. 2020) of the sentence as it is; the tokenizer adds &lt;s&gt; ... &lt;/s&gt;.</summary>
    public const string Pll = "pll";

    /// <summary>Masked LMs: PLL-word-l2r (Kauf and Ivanova 2023).</summary>
    public const string PllWordL2R = "pll_word_l2r";

    public static readonly IReadOnlyList<string> All = [EotSpace, EotNoSpace, LengthNormalized, Pll, PllWordL2R];

    public static string Prefix(string convention) => convention switch
    {
        EotSpace or LengthNormalized => " ",
        EotNoSpace or Pll or PllWordL2R => "",
        _ => throw new ArgumentException($"unknown convention '{convention}' (known: {string.Join(", ", All)})", nameof(convention)),
    };

    /// <summary>The request's scoring variant: the masked model reads it; for eot_* it is the default, which causal models use.</summary>
    public static ScoringVariant Variant(string convention) =>
        convention == PllWordL2R ? ScoringVariant.WordL2R : ScoringVariant.Default;

    /// <summary>Whether the convention scores a masked LM (pll*); every other convention needs a causal one.</summary>
    public static bool IsMasked(string convention) => convention is Pll or PllWordL2R;
}
