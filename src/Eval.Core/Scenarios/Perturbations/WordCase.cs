namespace Eval.Core.Scenarios.Perturbations;

/// <summary>Gives a replacement word the case of the word it replaces: lower, Capitalised or UPPER.</summary>
public static class WordCase
{
    public static string Like(string original, string replacement)
    {
        if (original.Length > 1 && original.All(c => !char.IsLetter(c) || char.IsUpper(c)))
            return replacement.ToUpperInvariant();
        if (char.IsUpper(original[0]))
            return char.ToUpperInvariant(replacement[0]) + replacement[1..].ToLowerInvariant();
        return replacement.ToLowerInvariant();
    }
}
