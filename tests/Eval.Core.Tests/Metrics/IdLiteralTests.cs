using System.Text.RegularExpressions;
using Eval.Core.Metrics;
using Eval.TestKit;

namespace Eval.Core.Tests.Metrics;

/// <summary>
/// Metric and scenario ids are Core's vocabulary (MetricSpec ids, ScenarioDefinition.MainMetric, KnownMetrics and
/// KnownScenarios constants): a layer above Core that spells one as a string literal decides again what Core says.
/// </summary>
public sealed class IdLiteralTests
{
    private static readonly string[] Layers = ["Eval.Data", "Eval.Jobs", "Eval.Web", "Eval.Cli", "Eval.Worker"];

    // Same spelling, other meaning: config.json's "parameters" key (a model's size as its author states it), not the metric.
    private static readonly HashSet<(string File, string Literal)> OtherMeaning = [("src/Eval.Jobs/ModelRegistrar.cs", "parameters")];

    // A C# or Razor string literal (also an attribute value such as YTitle="accuracy"), without escapes spanning lines.
    private static readonly Regex Literal = new("\"((?:[^\"\\\\\\r\\n]|\\\\.)*)\"", RegexOptions.Compiled);

    [Fact]
    public void NoLayerAboveCore_SpellsAMetricOrScenarioId()
    {
        var ids = MetricSpecs.All.Select(s => s.Id)
            .Concat(Directory.GetDirectories(Path.Combine(Repo.Root, "scenarios"))
                .Where(d => File.Exists(Path.Combine(d, "scenario.yaml"))).Select(d => Path.GetFileName(d)!))
            .ToHashSet(StringComparer.Ordinal);

        var offenders = Layers
            .Select(p => Path.Combine(Repo.Root, "src", p))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            // A JSON property name is the wire format CONTRACTS.md pins (a model's "parameters", "file_bytes"), not an id compared.
            .Where(l => !l.Text.Contains("JsonPropertyName(", StringComparison.Ordinal))
            .SelectMany(l => Literal.Matches(l.Text).Where(m => ids.Contains(m.Groups[1].Value)
                    && !OtherMeaning.Contains((Path.GetRelativePath(Repo.Root, l.File).Replace('\\', '/'), m.Groups[1].Value)))
                .Select(m => $"{Path.GetRelativePath(Repo.Root, l.File)}:{l.Line}: \"{m.Groups[1].Value}\""))
            .ToList();

        Assert.True(offenders.Count == 0, "Metric or scenario ids spelled above Eval.Core:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Scan_FindsALiteral_InCodeAndInARazorAttribute()
    {
        // The scan itself: both forms it must catch.
        Assert.Equal("accuracy", Literal.Match("s.Metric == \"accuracy\"").Groups[1].Value);
        Assert.Equal("blimp", Literal.Match("<Chart YTitle=\"blimp\" />").Groups[1].Value);
        Assert.Equal("a\\\"b", Literal.Match("x = \"a\\\"b\";").Groups[1].Value);
    }
}
