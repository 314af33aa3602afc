namespace Eval.Core.Adapters;

/// <summary>How a sentence of a minimal pair is put to the model (CONTRACTS.md, BLiMP conventions).</summary>
public static class MinimalPairConventions
{
    /// <summary>lm-evaluation-harness: one leading space, the bos/eos id as context, summed log-probs.</summary>
    public const string EotSpace = "eot_space";

    public const string EotNoSpace = "eot_nospace";

    /// <summary>HELM: the eot_space input, scored by mean log-prob per token (the adapter divides).</summary>
    public const string LengthNormalized = "length_normalized";

    public static string Prefix(string convention) => convention switch
    {
        EotSpace or LengthNormalized => " ",
        EotNoSpace => "",
        _ => throw new ArgumentException($"unknown convention '{convention}' (known: {EotSpace}, {EotNoSpace}, {LengthNormalized})", nameof(convention)),
    };
}
