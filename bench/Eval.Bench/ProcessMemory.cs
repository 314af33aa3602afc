namespace Eval.Bench;

/// <summary>
/// This process's resident memory as Linux reports it in /proc/self/status (VmRSS now, VmHWM the peak), and the
/// peak's reset (writing 5 to /proc/self/clear_refs sets VmHWM to the current VmRSS), so one process can measure
/// several models in turn. The peer measures itself the same way (peer_torch_blimp.py --memory).
/// </summary>
public static class ProcessMemory
{
    private const string Status = "/proc/self/status";

    public static long ResidentBytes() => Read("VmRSS:");

    public static long PeakBytes() => Read("VmHWM:");

    /// <summary>False where the kernel refuses (not Linux, or /proc read-only): the peak then covers the whole process.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static string Mib(long bytes) => SignificantDigits.Format(bytes / 1048576.0);

    private static long Read(string key)
    {
        if (!File.Exists(Status))
            return 0;
        foreach (var line in File.ReadLines(Status))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return 0;
    }
}
