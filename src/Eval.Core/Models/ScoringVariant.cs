namespace Eval.Core.Models;

/// <summary>
/// How a masked LM turns a text into a score (the BLiMP conventions pll and pll_word_l2r). A causal model scores
/// left to right whatever is asked: for it every token's right context is hidden anyway.
/// </summary>
public enum ScoringVariant
{
    /// <summary>Causal: sum of log p(token | earlier tokens). Masked: PLL (Salazar et al. 2020), one token masked at a time.</summary>
    Default,

    /// <summary>Masked: PLL-word-l2r (Kauf and Ivanova 2023): the scored token and the rest of its word to its right are masked.</summary>
    WordL2R,
}
