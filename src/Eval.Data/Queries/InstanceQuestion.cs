using Eval.Core.Scenarios;

namespace Eval.Data.Queries;

/// <summary>
/// What an instance asks, for a reader comparing two answers: the last paragraph of its input (a few-shot primer or
/// a preamble comes first, separated by a blank line), shortened. Minimal pairs have no input: their answers are
/// the sentences themselves.
/// </summary>
public static class InstanceQuestion
{
    public const int Longest = 400;

    public static string? Of(Instance? instance)
    {
        var input = instance?.Input.Trim();
        if (string.IsNullOrEmpty(input))
            return null;
        var cut = input.LastIndexOf("\n\n", StringComparison.Ordinal);
        var own = (cut < 0 ? input : input[(cut + 2)..]).Trim();
        return own.Length <= Longest ? own : "…" + own[^Longest..];
    }
}
