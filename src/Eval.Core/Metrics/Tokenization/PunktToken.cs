using System.Text;
using System.Text.RegularExpressions;

namespace Eval.Core.Metrics.Tokenization;

/// <summary>Punkt's token with the annotations of its two passes (nltk PunktToken).</summary>
internal sealed partial class PunktToken(string tok)
{
    public const string Number = "##number##";

    // Punkt's orthographic context flags.
    public const int OrthoBegUc = 1 << 1, OrthoMidUc = 1 << 2, OrthoUnkUc = 1 << 3, OrthoBegLc = 1 << 4, OrthoMidLc = 1 << 5, OrthoUnkLc = 1 << 6;
    public const int OrthoUc = OrthoBegUc | OrthoMidUc | OrthoUnkUc;
    public const int OrthoLc = OrthoBegLc | OrthoMidLc | OrthoUnkLc;

    public string Tok { get; } = tok;

    /// <summary>The lower-cased token, a number of any form as ##number##.</summary>
    public string Type { get; } = Numeric().IsMatch(PythonText.Lower(tok)) ? Number : PythonText.Lower(tok);

    public bool PeriodFinal => Tok.EndsWith('.');

    public bool SentBreak { get; set; }

    public bool Abbr { get; set; }

    public bool Ellipsis { get; set; }

    public string TypeNoPeriod => Type.Length > 1 && Type[^1] == '.' ? Type[..^1] : Type;

    public string TypeNoSentPeriod => SentBreak ? TypeNoPeriod : Type;

    public bool FirstUpper => Rune.IsUpper(First);

    public bool FirstLower => Rune.IsLower(First);

    public bool IsEllipsis => EllipsisPattern().IsMatch(Tok);

    public bool IsInitial => Initial().IsMatch(Tok);

    private Rune First
    {
        get
        {
            Rune.DecodeFromUtf16(Tok, out var first, out _);
            return first;
        }
    }

    [GeneratedRegex(@"^-?[\.,]?\d[\d,\.-]*\.?$", RegexOptions.CultureInvariant)]
    private static partial Regex Numeric();

    [GeneratedRegex(@"^\.\.+$", RegexOptions.CultureInvariant)]
    private static partial Regex EllipsisPattern();

    [GeneratedRegex("^" + PythonText.WordNonDigit + @"\.$", RegexOptions.CultureInvariant)]
    private static partial Regex Initial();
}
