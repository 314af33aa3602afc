namespace Eval.Core.Tests;

/// <summary>
/// A scenario folder a test writes itself (under its TempDirectory): a small capitals quiz as CSV and a valid
/// scenario.yaml, which a test may then break one line at a time.
/// </summary>
public static class ScenarioFolder
{
    public const string Yaml = """
        id: capitals
        version: 1
        display_name: Capitals
        group: test
        data: { files: data/questions.csv, format: csv, subset_by: continent }
        prompt:
          preamble: "Q: What is the capital of Italy?\nA: Rome\n\n"
          target_delimiter: " "
        instance:
          id: "{country}"
          input: "Q: What is the capital of {country}?\nA:"
          choices: [capital, decoy]
          correct: 0
          tags: { hemisphere: "{hemisphere}" }
        adapter: multiple_choice_separate
        metrics: [accuracy, ece_10_bin, selective_acc_10]
        main_metric: accuracy
        """;

    public const string Csv = """
        country,capital,decoy,continent,hemisphere
        France,Paris,Lyon,europe,north
        Spain,Madrid,"Barcelona, Catalonia",europe,north
        Peru,Lima,Cusco,america,south
        Chile,Santiago,Valparaiso,america,south
        Canada,Ottawa,Toronto,america,north
        """;

    /// <summary>Writes scenariosRoot/capitals with the YAML (as given) and, unless told not to, its data file.</summary>
    public static string Write(string scenariosRoot, string yaml = Yaml, bool withData = true)
    {
        var folder = Path.Combine(scenariosRoot, "capitals");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.WriteAllText(Path.Combine(folder, "scenario.yaml"), yaml + "\n");
        if (withData)
            File.WriteAllText(Path.Combine(folder, "data", "questions.csv"), Csv + "\n");
        return folder;
    }

    /// <summary>The YAML with one line (found by its start) replaced, or removed when replacement is null.</summary>
    public static string WithLine(string startsWith, string? replacement)
    {
        var lines = Yaml.Split('\n').ToList();
        var index = lines.FindIndex(l => l.StartsWith(startsWith, StringComparison.Ordinal));
        if (index < 0)
            throw new ArgumentException($"no line starts with '{startsWith}'", nameof(startsWith));
        if (replacement is null)
            lines.RemoveAt(index);
        else
            lines[index] = replacement;
        return string.Join('\n', lines);
    }
}
