using System.Globalization;
using Eval.Core.Scenarios;

namespace Eval.Core.Efficiency;

/// <summary>
/// The efficiency scenario's instances: one per prompt length and repetition (id prompt_0128-03, subset prompt_128),
/// so each repetition is stored, resumed and exported like any instance. They carry no text: the adapter builds the
/// prompt from the length tag.
/// </summary>
public static class EfficiencyInstances
{
    public const string PromptTokensTag = "prompt_tokens";
    public const string RepetitionTag = "repetition";

    public static string Subset(int length) => "prompt_" + length.ToString("000", CultureInfo.InvariantCulture);

    public static IReadOnlyList<Instance> Create(EfficiencySpec spec) =>
        spec.PromptLengths.SelectMany(length => Enumerable.Range(1, spec.Repeats).Select(r => new Instance(
            FormattableString.Invariant($"prompt_{length:0000}-{r:00}"), "", [], Subset(length), null,
            new Dictionary<string, string>
            {
                [PromptTokensTag] = length.ToString(CultureInfo.InvariantCulture),
                [RepetitionTag] = r.ToString(CultureInfo.InvariantCulture),
            }))).ToList();
}
