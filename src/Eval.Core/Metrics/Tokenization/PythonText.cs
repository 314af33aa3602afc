using System.Globalization;
using System.Text;

namespace Eval.Core.Metrics.Tokenization;

/// <summary>
/// The Python 3 string semantics the reference tokenizers (sacrebleu, rouge_score, NLTK) are written in, on code
/// points (Rune), not UTF-16 units: str.isspace (which, unlike char.IsWhiteSpace, counts U+001C-U+001F),
/// str.split(), str.rstrip(), str.strip() and str.lower() (full lower-case mapping: "İ" becomes "i̇", a final
/// capital sigma "ς"). Also the character classes of Python's `re` on str patterns, for .NET patterns.
/// </summary>
public static class PythonText
{
    /// <summary>Python's \s: .NET's \s plus the four ASCII information separators.</summary>
    public const string Space = @"[\s\x1c-\x1f]";

    /// <summary>Python's \S.</summary>
    public const string NotSpace = @"[^\s\x1c-\x1f]";

    /// <summary>Python's \w (str.isalnum() or "_"): letters and all numbers, but not .NET's combining marks or connectors.</summary>
    public const string WordChar = @"[\p{L}\p{Nd}\p{Nl}\p{No}_]";

    /// <summary>Python's [^\W\d]: a word character that is not a decimal digit.</summary>
    public const string WordNonDigit = @"[\p{L}\p{Nl}\p{No}_]";

    /// <summary>Python's \b, from WordChar rather than .NET's \w.</summary>
    public const string WordBoundary = "(?:(?<=" + WordChar + ")(?!" + WordChar + ")|(?<!" + WordChar + ")(?=" + WordChar + "))";

    private const int CapitalSigma = 0x03A3;

    /// <summary>str.isspace() of one code point.</summary>
    public static bool IsSpace(Rune r) => r.Value is >= 0x1C and <= 0x1F || Rune.IsWhiteSpace(r);

    /// <summary>str.split() with no separator: runs of whitespace separate, none at either end.</summary>
    public static List<string> Split(string text)
    {
        var parts = new List<string>();
        var start = -1;
        var i = 0;
        foreach (var r in text.EnumerateRunes())
        {
            if (IsSpace(r))
            {
                if (start >= 0)
                    parts.Add(text[start..i]);
                start = -1;
            }
            else if (start < 0)
                start = i;
            i += r.Utf16SequenceLength;
        }
        if (start >= 0)
            parts.Add(text[start..]);
        return parts;
    }

    /// <summary>str.rstrip().</summary>
    public static string RStrip(string text)
    {
        var end = text.Length;
        while (end > 0 && Rune.DecodeLastFromUtf16(text.AsSpan(0, end), out var r, out var n) == System.Buffers.OperationStatus.Done && IsSpace(r))
            end -= n;
        return text[..end];
    }

    /// <summary>str.strip().</summary>
    public static string Strip(string text)
    {
        var trimmed = RStrip(text);
        var start = 0;
        while (start < trimmed.Length && Rune.DecodeFromUtf16(trimmed.AsSpan(start), out var r, out var n) == System.Buffers.OperationStatus.Done && IsSpace(r))
            start += n;
        return trimmed[start..];
    }

    /// <summary>
    /// str.lower(): each code point's simple lower case, except the one unconditional multi-character mapping of
    /// SpecialCasing.txt (U+0130 to "i" + U+0307) and Python's Final_Sigma rule for U+03A3.
    /// </summary>
    public static string Lower(string text)
    {
        var runes = text.EnumerateRunes().ToArray();
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < runes.Length; i++)
        {
            var r = runes[i];
            if (r.Value == 0x0130)
                sb.Append("i\u0307");
            else if (r.Value == CapitalSigma)
                sb.Append(IsFinalSigma(runes, i) ? 'ς' : 'σ');
            else
                sb.Append(Rune.ToLowerInvariant(r).ToString());
        }
        return sb.ToString();
    }

    // CPython's handle_capital_sigma: a cased letter before (skipping case-ignorable ones) and none after.
    private static bool IsFinalSigma(Rune[] runes, int at)
    {
        var j = at - 1;
        while (j >= 0 && IsCaseIgnorable(runes[j]))
            j--;
        if (j < 0 || !IsCased(runes[j]))
            return false;
        var k = at + 1;
        while (k < runes.Length && IsCaseIgnorable(runes[k]))
            k++;
        return k == runes.Length || !IsCased(runes[k]);
    }

    private static bool IsCased(Rune r) =>
        Rune.GetUnicodeCategory(r) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(Rune r) =>
        r.Value is '\'' or '.' or ':' or 0x00B7 or 0x2018 or 0x2019 or 0x2024 ||
        Rune.GetUnicodeCategory(r) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format
            or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;
}
