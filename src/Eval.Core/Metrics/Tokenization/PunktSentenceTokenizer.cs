using System.Text.RegularExpressions;

namespace Eval.Core.Metrics.Tokenization;

/// <summary>
/// NLTK's PunktSentenceTokenizer.tokenize (nltk/tokenize/punkt.py, commit f2a92bd7) with trained parameters, the
/// sentence splitter of word_tokenize. Candidate ends are ".", "?" and "!" followed by white space or by one of
/// )";}]*:@'({[?! ; the text around each is split into Punkt tokens and annotated in two passes (known
/// abbreviations, ellipses, initials, numbers, collocations, the orthographic heuristic); a candidate is a sentence
/// end when a token before the last one of its context is a sentence break; closing quotes and brackets after the
/// end are moved back into the sentence.
/// Where this port differs: with PunktParameters.English the orthographic contexts are empty, which changes only the
/// decisions (a) whether an abbreviation or ellipsis followed by a capitalised word ends a sentence and (b) whether
/// an initial or a number ("1990.") followed by a word ends one. On lower-cased text, which is all HELM's bias
/// metrics pass, (a) never ends a sentence either way, and neither (a) nor (b) moves a full stop off a word of
/// HELM's lists (none is an abbreviation, initial or number).
/// </summary>
public sealed class PunktSentenceTokenizer(PunktParameters parameters)
{
    public static readonly PunktSentenceTokenizer English = new(PunktParameters.English);

    private const string S = PythonText.Space;
    private const string NS = PythonText.NotSpace;
    private const string NonWord = "(?:[)\";}\\]*:@'({\\[?!])";
    private const string MultiChar = "(?:-{2,}|\\.{2,}|(?:\\." + S + "){2,}\\.)";
    private const string WordStart = "[^(\"`{\\[:;&#*@)}\\]\\-,]";

    private static readonly Regex PeriodContext = new(
        "[.?!](?=(?<after_tok>" + NonWord + "|" + S + "+(?<next_tok>" + NS + "+)))", RegexOptions.CultureInvariant);

    private static readonly Regex WordTokenizer = new(
        MultiChar + "|(?=" + WordStart + ")" + NS + "+?(?=" + S + "|$|" + NonWord + "|" + MultiChar + "|,(?=$|" + S + "|" + NonWord + "|" + MultiChar + "))|" + NS,
        RegexOptions.CultureInvariant);

    private static readonly Regex BoundaryRealignment = new("\\A[\"')\\]}]+?(?:" + S + "+|(?=--)|$)", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    // Python's string.whitespace, which NLTK's _get_last_whitespace_index looks for.
    private static readonly char[] AsciiWhitespace = [' ', '\t', '\n', '\r', '\v', '\f'];

    /// <summary>The sentences of the text, as Python slices of it.</summary>
    public IReadOnlyList<string> Tokenize(string text) => Realign(text, Slices(text)).Select(s => text[s.Start..s.End]).ToList();

    private IEnumerable<(int Start, int End)> Slices(string text)
    {
        var lastBreak = 0;
        foreach (var (match, context) in PotentialEndContexts(text))
        {
            if (!ContainsSentenceBreak(context))
                continue;
            yield return (lastBreak, match.Index + match.Length);
            var next = match.Groups["next_tok"];
            lastBreak = next.Success ? next.Index : match.Index + match.Length;
        }
        yield return (lastBreak, PythonText.RStrip(text).Length);
    }

    // _match_potential_end_contexts: each candidate with the word before it and what follows; a candidate whose
    // word overlaps the next one's (as in "acting!!!") gives way to the later one.
    private static IEnumerable<(Match Match, string Context)> PotentialEndContexts(string text)
    {
        var (previousStart, previousStop) = (0, 0);
        Match? previous = null;
        foreach (Match match in PeriodContext.Matches(text))
        {
            var before = text[previousStop..match.Index];
            var lastSpace = before.LastIndexOfAny(AsciiWhitespace);
            // NLTK's _get_last_whitespace_index answers 0 both for "none" and for "at index 0".
            var wordStart = lastSpace > 0 ? lastSpace + previousStop + 1 : previousStart;
            if (previous is not null && previousStop <= wordStart)
                yield return (previous, Context(text, previousStart, previousStop, previous));
            previous = match;
            (previousStart, previousStop) = (wordStart, match.Index);
        }
        if (previous is not null)
            yield return (previous, Context(text, previousStart, previousStop, previous));
    }

    private static string Context(string text, int start, int stop, Match match) =>
        Slice(text, start, stop) + match.Value + match.Groups["after_tok"].Value;

    private static IEnumerable<(int Start, int End)> Realign(string text, IEnumerable<(int Start, int End)> slices)
    {
        var realign = 0;
        var list = slices.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var sentence = (Start: list[i].Start + realign, list[i].End);
            if (i + 1 == list.Count)
            {
                if (Slice(text, sentence.Start, sentence.End).Length > 0)
                    yield return sentence;
                continue;
            }
            var following = list[i + 1];
            var m = BoundaryRealignment.Match(Slice(text, following.Start, following.End));
            if (m.Success)
            {
                yield return (sentence.Start, following.Start + PythonText.RStrip(m.Value).Length);
                realign = m.Index + m.Length;
            }
            else
            {
                realign = 0;
                if (Slice(text, sentence.Start, sentence.End).Length > 0)
                    yield return sentence;
            }
        }
    }

    // Python's text[start:stop]: empty when stop <= start, bounds clamped.
    private static string Slice(string text, int start, int stop)
    {
        start = Math.Clamp(start, 0, text.Length);
        stop = Math.Clamp(stop, 0, text.Length);
        return stop > start ? text[start..stop] : "";
    }

    /// <summary>text_contains_sentbreak: a sentence break on any token but the last.</summary>
    private bool ContainsSentenceBreak(string context)
    {
        var tokens = Words(context).Select(t => new PunktToken(t)).ToList();
        foreach (var token in tokens)
            FirstPass(token);
        for (var i = 0; i + 1 < tokens.Count; i++)
            SecondPass(tokens[i], tokens[i + 1]);
        return tokens.SkipLast(1).Any(t => t.SentBreak);
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split('\n').Where(line => PythonText.Strip(line).Length > 0)
            .SelectMany(line => WordTokenizer.Matches(line).Select(m => m.Value));

    private void FirstPass(PunktToken token)
    {
        var tok = token.Tok;
        if (tok is "." or "?" or "!")
            token.SentBreak = true;
        else if (token.IsEllipsis)
            token.Ellipsis = true;
        else if (token.PeriodFinal && !tok.EndsWith("..", StringComparison.Ordinal))
        {
            var stem = PythonText.Lower(tok[..^1]);
            if (parameters.AbbrevTypes.Contains(stem) || parameters.AbbrevTypes.Contains(stem.Split('-')[^1]))
                token.Abbr = true;
            else
                token.SentBreak = true;
        }
    }

    private void SecondPass(PunktToken token, PunktToken next)
    {
        if (!token.PeriodFinal)
            return;
        var type = token.TypeNoPeriod;
        var nextType = next.TypeNoSentPeriod;
        var isInitial = token.IsInitial;

        if (parameters.Collocations.Contains((type, nextType)))
        {
            (token.SentBreak, token.Abbr) = (false, true);
            return;
        }
        if ((token.Abbr || token.Ellipsis) && !isInitial)
        {
            var starter = OrthoHeuristic(next);
            if (starter == true || (next.FirstUpper && parameters.SentStarters.Contains(nextType)))
            {
                token.SentBreak = true;
                return;
            }
        }
        if (isInitial || type == PunktToken.Number)
        {
            var starter = OrthoHeuristic(next);
            if (starter == false)
                (token.SentBreak, token.Abbr) = (false, true);
            else if (starter is null && isInitial && next.FirstUpper && (Ortho(nextType) & PunktToken.OrthoLc) == 0)
                (token.SentBreak, token.Abbr) = (false, true);
        }
    }

    /// <summary>Whether the token starts a sentence: true, false, or null for "unknown".</summary>
    private bool? OrthoHeuristic(PunktToken token)
    {
        if (token.Tok is ";" or ":" or "," or "." or "!" or "?")
            return false;
        var ortho = Ortho(token.TypeNoSentPeriod);
        if (token.FirstUpper && (ortho & PunktToken.OrthoLc) != 0 && (ortho & PunktToken.OrthoMidUc) == 0)
            return true;
        if (token.FirstLower && ((ortho & PunktToken.OrthoUc) != 0 || (ortho & PunktToken.OrthoBegLc) == 0))
            return false;
        return null;
    }

    private int Ortho(string type) => parameters.OrthoContext.GetValueOrDefault(type);
}
