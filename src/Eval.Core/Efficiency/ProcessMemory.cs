using System.Globalization;
using System.Runtime.InteropServices;

namespace Eval.Core.Efficiency;

/// <summary>
/// The process's resident set (Linux VmRSS) and its peak (VmHWM) in /proc/self/status. Writing "5" to
/// /proc/self/clear_refs resets the peak to the current resident set, which opens a window (ModelMemoryWindow).
/// Without /proc: null.
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

    /// <summary>
    /// Gives the native heap's free pages back to the system (glibc malloc_trim), so that the resident set counts what
    /// is in use rather than what was freed earlier and kept; false where there is no glibc.
    /// </summary>
    public static bool TrimNativeHeap()
    {
        if (MallocTrim.Value is not { } trim)
            return false;
        trim(0);
        return true;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Trim(nuint pad);

    private static readonly Lazy<Trim?> MallocTrim = new(() =>
        NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "malloc_trim", out var trim)
            ? Marshal.GetDelegateForFunctionPointer<Trim>(trim) : null);

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
