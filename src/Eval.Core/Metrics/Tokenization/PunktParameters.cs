namespace Eval.Core.Metrics.Tokenization;

/// <summary>
/// The parameters of a trained Punkt model. English: the abbreviation types, collocations and frequent sentence
/// starters of NLTK's pre-trained English model (nltk_data tokenizers/punkt/PY3/english.pickle, Jan Strunk, the
/// model punkt_tab/english was converted from; sha256 5cad3758...942c), read from the pickle's opcodes without
/// executing it. Its 20,366 orthographic contexts are not carried (OrthoContext is empty): PunktSentenceTokenizer
/// says where that can change a decision.
/// </summary>
public sealed record PunktParameters(
    IReadOnlySet<string> AbbrevTypes,
    IReadOnlySet<(string, string)> Collocations,
    IReadOnlySet<string> SentStarters,
    IReadOnlyDictionary<string, int> OrthoContext)
{
    private static readonly string[] EnglishAbbrevTypes =
    [
        ". . ", "a.a", "a.c", "a.d", "a.g", "a.h", "a.m", "a.m.e", "a.s", "a.t", "adm", "ala",
        "ariz", "aug", "ave", "b.f", "b.v", "bros", "c", "c.i.t", "c.o.m.b", "c.v", "calif", "chg",
        "cie", "co", "col", "colo", "conn", "corp", "cos", "ct", "d", "d.c", "d.h", "d.w",
        "dec", "dr", "e", "e.f", "e.h", "e.l", "e.m", "f", "f.g", "f.j", "feb", "fla",
        "fri", "ft", "g", "g.d", "g.f", "g.k", "ga", "gen", "h", "h.c", "h.f", "h.m",
        "i.m.s", "ill", "inc", "j.b", "j.c", "j.j", "j.k", "j.p", "j.r", "jan", "jr", "k",
        "kan", "ky", "l", "l.a", "l.f", "l.p", "lt", "ltd", "m", "m.b.a", "m.d.c", "m.j",
        "maj", "messrs", "mg", "mich", "minn", "mr", "mrs", "ms", "n", "n.c", "n.d", "n.h",
        "n.j", "n.m", "n.v", "n.y", "nev", "nov", "oct", "ok", "okla", "ore", "p", "p.a.m",
        "p.m", "pa", "ph.d", "prof", "r", "r.a", "r.h", "r.i", "r.j", "r.k", "r.t", "rep",
        "reps", "s", "s.a", "s.a.y", "s.c", "s.g", "s.p.a", "s.s", "sen", "sep", "sept", "sr",
        "st", "sw", "t", "t.j", "tenn", "tues", "u.k", "u.n", "u.s", "u.s.a", "u.s.s.r", "v",
        "va", "vs", "vt", "w", "w.c", "w.r", "w.va", "w.w", "wash", "wed", "wis", "yr",
    ];

    private static readonly (string, string)[] EnglishCollocations =
    [
        ("##number##", "abreast"), ("##number##", "aes"), ("##number##", "business"), ("##number##", "cbot"),
        ("##number##", "colgate"), ("##number##", "commodities"), ("##number##", "cooper"), ("##number##", "corrections"),
        ("##number##", "credit"), ("##number##", "dividend"), ("##number##", "financing"), ("##number##", "genentech"),
        ("##number##", "henley"), ("##number##", "insider"), ("##number##", "international"), ("##number##", "leisure"),
        ("##number##", "letters"), ("##number##", "notable"), ("##number##", "pay-fone"), ("##number##", "pegasus"),
        ("##number##", "pepper"), ("##number##", "review"), ("##number##", "rj"), ("##number##", "wedgestone"),
        ("##number##", "who"), ("##number##", "zimmer"), ("b", "edelman"), ("b", "levine"),
        ("b", "smith"), ("b", "stewart"), ("b", "wigton"), ("i", "magnin"),
        ("i", "toussie"), ("j", "aron"), ("j", "fialka"), ("j", "walter"),
        ("o", "ludcke"),
    ];

    private static readonly string[] EnglishSentStarters =
    [
        "according", "although", "among", "both", "but", "despite", "even", "he", "however", "i", "if", "in",
        "indeed", "instead", "it", "many", "meanwhile", "moreover", "most", "nevertheless", "nonetheless", "nor", "sales", "separately",
        "similarly", "since", "so", "some", "the", "there", "these", "they", "this", "though", "thus", "under",
        "when", "while", "yet",
    ];

    // Declared after the arrays it reads: static fields initialise in order.
    public static readonly PunktParameters English = new(
        new HashSet<string>(EnglishAbbrevTypes, StringComparer.Ordinal),
        new HashSet<(string, string)>(EnglishCollocations),
        new HashSet<string>(EnglishSentStarters, StringComparer.Ordinal),
        new Dictionary<string, int>(StringComparer.Ordinal));
}
