namespace Eval.Web.Scenarios;

/// <summary>
/// What a scenario's README.md says for its page: the opening paragraph (what it measures) and its "- Source:" and
/// "- Licence:" lines (a bullet's wrapped lines, indented, joined back).
/// </summary>
public sealed record ScenarioReadme(string Summary, string? Source, string? Licence)
{
    public static ScenarioReadme Read(string directory)
    {
        var path = Path.Combine(directory, "README.md");
        return File.Exists(path) ? Parse(File.ReadAllLines(path)) : new ScenarioReadme("", null, null);
    }

    public static ScenarioReadme Parse(IReadOnlyList<string> lines)
    {
        var summary = new List<string>();
        var bullets = new List<string>();
        var inSummary = true;
        foreach (var line in lines)
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
                break;
            if (line.StartsWith("# ", StringComparison.Ordinal))
                continue;
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                inSummary = false;
                bullets.Add(line[2..].Trim());
            }
            else if (line.StartsWith("  ", StringComparison.Ordinal) && bullets.Count > 0 && !inSummary)
                bullets[^1] += " " + line.Trim();
            else if (line.Trim().Length == 0)
                inSummary = inSummary && summary.Count == 0;
            else if (inSummary)
                summary.Add(line.Trim());
        }
        string? Bullet(params string[] names) => bullets.Select(b => names.Select(n => b.StartsWith(n + ":", StringComparison.OrdinalIgnoreCase)
            ? b[(n.Length + 1)..].Trim() : null).FirstOrDefault(t => t is not null)).FirstOrDefault(t => t is not null);
        return new ScenarioReadme(string.Join(" ", summary), Bullet("Source"), Bullet("Licence", "License"));
    }
}
