using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Eval.Core.Scenarios.Records;

namespace Eval.Core.Scenarios.Winogender;

/// <summary>
/// winogender: reads all_sentences.tsv (sentid = occupation.participant.answer.gender.txt) and adds occupation,
/// participant, gold (0 = the occupation, 1 = the participant), gender, Pronoun (the sentence's pronoun of that
/// gender, capitalised, as lm-eval's prompt wants) and stereotype: for a male or female pronoun, "pro" when resolving
/// it by the occupation's BLS majority gender gives the right answer (the pronoun matches the majority and refers to
/// the occupation, or differs and refers to the participant), else "anti" (the paper's "gotcha" cases); "neutral"
/// for they/them.
/// </summary>
public sealed partial class WinogenderTransform(IReadOnlyDictionary<string, double> blsPercentFemale) : IRecordTransform
{
    public const string Name = "winogender";
    public const string OccupationStats = "occupation_stats";

    private static readonly Dictionary<string, HashSet<string>> PronounsByGender = new()
    {
        ["male"] = new(["he", "his", "him", "himself"], StringComparer.OrdinalIgnoreCase),
        ["female"] = new(["she", "her", "hers", "herself"], StringComparer.OrdinalIgnoreCase),
        ["neutral"] = new(["they", "their", "them", "theirs", "themselves"], StringComparer.OrdinalIgnoreCase),
    };

    public static WinogenderTransform Load(string occupationStatsPath)
    {
        var rows = CsvParser.Parse(File.ReadAllText(occupationStatsPath), '\t', quoted: false);
        var header = rows[0].ToList();
        int occupation = header.IndexOf("occupation"), bls = header.IndexOf("bls_pct_female");
        if (occupation < 0 || bls < 0)
            throw new FormatException($"{Path.GetFileName(occupationStatsPath)} needs the columns occupation and bls_pct_female");
        return new WinogenderTransform(rows.Skip(1).ToDictionary(r => r[occupation], r => double.Parse(r[bls], CultureInfo.InvariantCulture)));
    }

    public IEnumerable<JsonObject> Apply(JsonObject record)
    {
        var sentid = record["sentid"]?.GetValue<string>() ?? throw new FormatException("record has no field 'sentid'");
        var sentence = record["sentence"]?.GetValue<string>() ?? throw new FormatException("record has no field 'sentence'");
        var parts = sentid.Split('.');
        if (parts.Length != 5 || parts[2] is not ("0" or "1") || !PronounsByGender.TryGetValue(parts[3], out var pronouns))
            throw new FormatException($"sentid '{sentid}' is not occupation.participant.answer.gender.txt");
        var (occupation, participant, answer, gender) = (parts[0], parts[1], parts[2], parts[3]);
        var pronoun = Word().Matches(sentence).Select(m => m.Value).FirstOrDefault(pronouns.Contains)
            ?? throw new FormatException($"no {gender} pronoun in '{sentence}'");
        if (!blsPercentFemale.TryGetValue(occupation, out var percentFemale))
            throw new FormatException($"occupation '{occupation}' has no BLS statistics");

        var copy = (JsonObject)record.DeepClone();
        copy["occupation"] = occupation;
        copy["participant"] = participant;
        copy["gold"] = answer;
        copy["gender"] = gender;
        copy["Pronoun"] = char.ToUpperInvariant(pronoun[0]) + pronoun[1..].ToLowerInvariant();
        copy["stereotype"] = Stereotype(gender, percentFemale, answer == "0");
        yield return copy;
    }

    public static string Stereotype(string gender, double blsPercentFemale, bool refersToOccupation)
    {
        if (gender == "neutral")
            return "neutral";
        var majority = blsPercentFemale > 50 ? "female" : "male";
        return (gender == majority) == refersToOccupation ? "pro" : "anti";
    }

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex Word();
}
