using System.Text.RegularExpressions;

namespace Eval.Core.Metrics.Tokenization;

/// <summary>
/// NLTK's word_tokenize (nltk/tokenize/__init__.py), which HELM's bias metrics call on each lower-cased completion:
/// the text split into sentences by Punkt's English model (PunktSentenceTokenizer), then each sentence through
/// NLTKWordTokenizer (nltk/tokenize/destructive.py, ported rule by rule from nltk commit f2a92bd7). Unlike a split
/// on letters it keeps "he/she", "mother-in-law", "garcia-lopez" and "he2" whole, splits "n't" and "'s" off, and
/// splits a full stop off only at the end of a sentence. Python's \s, \w and \b are spelled out (PythonText); a
/// character above U+FFFF counts as a non-word character in the \w and \b of the contraction rules, where Python
/// classifies it by its category.
/// </summary>
public static class NltkWordTokenizer
{
    private const string S = PythonText.Space;
    private const string W = PythonText.WordChar;
    private const string B = PythonText.WordBoundary;
    private const RegexOptions Options = RegexOptions.CultureInvariant;

    private static readonly (Regex Pattern, string Replacement)[] StartingQuotes =
    [
        (new("([«“‘„]|[`]+)", Options), " $1 "),
        (new("^\"", Options), "``"),
        (new("(``)", Options), " $1 "),
        (new("([ \\(\\[{<])(\"|'{2})", Options), "$1 `` "),
        (new("(?i)(')(?!re|ve|ll|m|t|s|d|n)(" + W + ")" + B, Options), "$1 $2"),
    ];

    private static readonly (Regex Pattern, string Replacement)[] EndingQuotes =
    [
        (new("([»”’])", Options), " $1 "),
        (new("''", Options), " '' "),
        (new("\"", Options), " '' "),
        (new("([^' ])('[sS]|'[mM]|'[dD]|') ", Options), "$1 $2 "),
        (new("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", Options), "$1 $2 "),
    ];

    private static readonly (Regex Pattern, string Replacement)[] Punctuation =
    [
        (new("([^\\.])(\\.)([\\]\\)}>\"'»”’ ]*)" + S + "*$", Options), "$1 $2 $3 "),
        (new("([:,])([^\\d])", Options), " $1 $2"),
        (new("([:,])$", Options), " $1 "),
        (new("\\.{2,}", Options), " $0 "),
        (new("[;@#$%&]", Options), " $0 "),
        (new("([^\\.])(\\.)([\\]\\)}>\"']*)" + S + "*$", Options), "$1 $2$3 "),
        (new("[?!]", Options), " $0 "),
        (new("([^'])' ", Options), "$1 ' "),
        (new("[*]", Options), " $0 "),
    ];

    private static readonly (Regex Pattern, string Replacement) ParensBrackets = (new("[\\]\\[\\(\\)\\{\\}\\<\\>]", Options), " $0 ");

    private static readonly (Regex Pattern, string Replacement) DoubleDashes = (new("--", Options), " -- ");

    // MacIntyre's contractions (CONTRACTIONS2 and CONTRACTIONS3; NLTK leaves CONTRACTIONS4 out).
    private static readonly Regex[] Contractions =
    [
        .. new[] { "(can)(not)", "(d)('ye)", "(gim)(me)", "(gon)(na)", "(got)(ta)", "(lem)(me)", "(more)('n)" }
            .Select(p => new Regex("(?i)" + B + p + B, Options)),
        new("(?i)" + B + "(wan)(na)(?=" + S + ")", Options),
        new("(?i) ('t)(is)" + B, Options),
        new("(?i) ('t)(was)" + B, Options),
    ];

    /// <summary>word_tokenize(text): Punkt's English sentences, each tokenized.</summary>
    public static IReadOnlyList<string> WordTokenize(string text) =>
        PunktSentenceTokenizer.English.Tokenize(text).SelectMany(Tokenize).ToList();

    /// <summary>NLTKWordTokenizer().tokenize(sentence), without converting parentheses.</summary>
    public static IReadOnlyList<string> Tokenize(string sentence)
    {
        var text = sentence;
        foreach (var (pattern, replacement) in StartingQuotes)
            text = pattern.Replace(text, replacement);
        foreach (var (pattern, replacement) in Punctuation)
            text = pattern.Replace(text, replacement);
        text = ParensBrackets.Pattern.Replace(text, ParensBrackets.Replacement);
        text = DoubleDashes.Pattern.Replace(text, DoubleDashes.Replacement);
        text = " " + text + " ";
        foreach (var (pattern, replacement) in EndingQuotes)
            text = pattern.Replace(text, replacement);
        foreach (var pattern in Contractions)
            text = pattern.Replace(text, " $1 $2 ");
        return PythonText.Split(text);
    }
}
