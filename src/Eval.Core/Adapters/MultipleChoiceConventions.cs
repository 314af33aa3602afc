namespace Eval.Core.Adapters;

/// <summary>How a multiple-choice answer is scored from its log-likelihood (an option of the run, recorded in its key).</summary>
public static class MultipleChoiceConventions
{
    /// <summary>lm-evaluation-harness's acc: the summed log-probability of the continuation.</summary>
    public const string Sum = "sum";

    /// <summary>HELM-style: mean log-probability per continuation token.</summary>
    public const string LengthNormalized = "length_normalized";

    /// <summary>lm-evaluation-harness's acc_norm: the summed log-probability divided by the answer's length in characters.</summary>
    public const string CharNormalized = "char_normalized";

    public static readonly IReadOnlyList<string> All = [Sum, LengthNormalized, CharNormalized];
}
