namespace Eval.Bench;

/// <summary>
/// The suite benchmark's options; see <see cref="BenchApp.Usage"/>. Settings (--set Eval:Section:Key=value) go over the
/// shipped appsettings.json, for experiments; the figure to report is the one without them.
/// </summary>
public sealed record SuiteArguments(string? DataDirectory, bool Keep, TimeSpan Timeout, IReadOnlyList<string> Models,
    IReadOnlyDictionary<string, string?> Settings)
{
    public const int DefaultTimeoutMinutes = 60;

    public static SuiteArguments Parse(string[] args)
    {
        string? data = null;
        var keep = false;
        var timeout = TimeSpan.FromMinutes(DefaultTimeoutMinutes);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<string> models = [];
        var cursor = new ArgumentCursor(args);
        while (cursor.Next())
        {
            switch (cursor.Current)
            {
                case "--data": data = cursor.Value(); break;
                case "--keep": keep = true; break;
                case "--models":
                    models = cursor.Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (models.Any(m => m.Contains('/') || m.Contains('\\') || m.StartsWith('.')))
                        throw new ArgumentException("--models takes folder names under models/reference, comma-separated");
                    break;
                case "--timeout-minutes":
                    timeout = int.TryParse(cursor.Value(), out var minutes) && minutes >= 1
                        ? TimeSpan.FromMinutes(minutes) : throw new ArgumentException("--timeout-minutes must be an integer >= 1");
                    break;
                case "--set":
                    var setting = cursor.Value();
                    var equals = setting.IndexOf('=');
                    if (equals <= 0 || !setting.StartsWith("Eval:", StringComparison.OrdinalIgnoreCase))
                        throw new ArgumentException($"--set takes Eval:Section:Key=value, not '{setting}'");
                    settings[setting[..equals]] = setting[(equals + 1)..];
                    break;
                default: throw cursor.Unknown();
            }
        }
        if (data is not null && Directory.Exists(data) && Directory.EnumerateFileSystemEntries(data).Any())
            throw new ArgumentException($"--data {data} is not empty: the suite starts from a fresh database");
        return new SuiteArguments(data, keep, timeout, models, settings);
    }
}
