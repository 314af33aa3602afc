using System.Text.RegularExpressions;

namespace Eval.Core.Scenarios.Perturbations;

/// <summary>Replaces whole words (letters and apostrophes) that a function maps, keeping each word's case.</summary>
public static partial class WordSubstitution
{
    public static string Replace(string text, Func<string, string?> replacement) =>
        Word().Replace(text, m => replacement(m.Value.ToLowerInvariant()) is { } r ? WordCase.Like(m.Value, r) : m.Value);

    [GeneratedRegex(@"\b[A-Za-z]+\b")]
    private static partial Regex Word();
}
