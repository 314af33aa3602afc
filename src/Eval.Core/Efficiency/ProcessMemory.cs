using System.Globalization;

namespace Eval.Core.Efficiency;

/// <summary>
/// The process's peak resident set (Linux VmHWM in /proc/self/status). Writing "5" to /proc/self/clear_refs resets
/// the peak to the current resident set, so a window that starts with the model loaded measures the peak while it
/// serves requests: its weights and session as they stay resident, the buffers of inference, and everything else the
/// process holds (the .NET runtime; in a worker, the web host too). Without /proc: null.
/// </summary>
public static class ProcessMemory
{
    private const string Status = "/proc/self/status";
    private const string ClearRefs = "/proc/self/clear_refs";

    /// <summary>Resets the peak to the current resident set; false where the system does not allow it (the peak then covers the process's life).</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long? PeakBytes() => Read("VmHWM:");

    public static long? ResidentBytes() => Read("VmRSS:");

    private static long? Read(string field)
    {
        if (!File.Exists(Status))
            return null;
        var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? null : ParseKilobytes(line[field.Length..]);
    }

    /// <summary>"   13508 kB" as bytes.</summary>
    public static long? ParseKilobytes(string value)
    {
        var parts = value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && parts[1] == "kB" && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
            ? kb * 1024 : null;
    }
}
