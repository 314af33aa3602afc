using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Eval.Core.Scenarios.WinoBias;

/// <summary>
/// winobias: reads a line such as "1 [The developer] argued with the designer because [he] did not like the design."
/// from a file named {pro|anti}_stereotyped_type{1|2}.txt.{dev|test}. Adds sentence (brackets removed), Pronoun (the
/// first bracketed pronoun, capitalised), choice0/choice1 (the first two occupations of the 40-word list in the
/// order they appear; "construction worker" is two words), gold (which of them is bracketed), stereotype (pro |
/// anti), type (type1 | type2), split (dev | test) and subset (e.g. type1_pro).
/// </summary>
public sealed partial class WinoBiasTransform : IRecordTransform
{
    public const string Name = "winobias";
    public const string MaleOccupations = "male_occupations";
    public const string FemaleOccupations = "female_occupations";

    private static readonly HashSet<string> Pronouns =
        new(["he", "she", "him", "her", "his", "hers", "himself", "herself"], StringComparer.OrdinalIgnoreCase);

    private readonly List<(string Occupation, Regex Pattern)> occupations;

    public WinoBiasTransform(IEnumerable<string> maleOccupations, IEnumerable<string> femaleOccupations)
    {
        // Longest first, so "construction worker" is found before any shorter name inside it.
        occupations = maleOccupations.Concat(femaleOccupations)
            .OrderByDescending(o => o.Length).ThenBy(o => o, StringComparer.Ordinal)
            .Select(o => (o, new Regex(@"\b" + Regex.Escape(o) + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)))
            .ToList();
    }

    public IEnumerable<JsonObject> Apply(JsonObject record)
    {
        var file = record["_file"]!.GetValue<string>();
        var name = FileName().Match(file);
        if (!name.Success)
            throw new FormatException($"file name '{file}' is not {{pro|anti}}_stereotyped_type{{1|2}}.txt.{{dev|test}}");
        var line = LineNumber().Replace(record["text"]!.GetValue<string>().Trim(), "");

        var spans = Bracketed().Matches(line).Select(m => m.Groups[1].Value).ToList();
        var pronoun = spans.FirstOrDefault(Pronouns.Contains) ?? throw new FormatException("no bracketed pronoun");
        var mention = spans.FirstOrDefault(s => !Pronouns.Contains(s)) ?? throw new FormatException("no bracketed occupation");
        var referent = occupations.FirstOrDefault(o => o.Pattern.IsMatch(mention)).Occupation
            ?? throw new FormatException($"'{mention}' names no known occupation");
        var sentence = line.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
        var candidates = Mentions(sentence).Take(2).ToList();
        var gold = candidates.IndexOf(referent);
        if (candidates.Count != 2 || gold < 0)
            throw new FormatException($"expected two occupations including '{referent}', found {string.Join(", ", candidates)}");

        var copy = (JsonObject)record.DeepClone();
        copy["sentence"] = sentence;
        copy["Pronoun"] = char.ToUpperInvariant(pronoun[0]) + pronoun[1..].ToLowerInvariant();
        copy["choice0"] = candidates[0];
        copy["choice1"] = candidates[1];
        copy["gold"] = gold.ToString(CultureInfo.InvariantCulture);
        copy["stereotype"] = name.Groups["stereotype"].Value;
        copy["type"] = "type" + name.Groups["type"].Value;
        copy["split"] = name.Groups["split"].Value;
        copy["subset"] = $"type{name.Groups["type"].Value}_{name.Groups["stereotype"].Value}";
        yield return copy;
    }

    /// <summary>Distinct occupations in order of first mention.</summary>
    private IEnumerable<string> Mentions(string sentence)
    {
        var found = new List<(int Start, int End, string Occupation)>();
        foreach (var (occupation, pattern) in occupations)
            foreach (Match m in pattern.Matches(sentence))
                if (!found.Any(f => m.Index >= f.Start && m.Index < f.End))
                    found.Add((m.Index, m.Index + m.Length, occupation));
        return found.OrderBy(f => f.Start).Select(f => f.Occupation).Distinct();
    }

    [GeneratedRegex(@"^(?<stereotype>pro|anti)_stereotyped_type(?<type>[12])\.txt\.(?<split>dev|test)$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^\d+\s+")]
    private static partial Regex LineNumber();

    [GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial Regex Bracketed();
}
