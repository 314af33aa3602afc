using System.Diagnostics;
using System.Globalization;

namespace Eval.Jobs.Uploads;

/// <summary>
/// The process receiving an upload, recorded in its staging folder (file "owner": machine, process id, process start
/// time) so that a later start can tell a dead owner's leftovers from a live upload. The start time guards against a
/// reused process id.
/// </summary>
public sealed record StagingOwner(string Machine, int ProcessId, long StartTicksUtc)
{
    public const string FileName = "owner";

    public static StagingOwner Current { get; } = Of(Process.GetCurrentProcess());

    public bool IsThisMachine => string.Equals(Machine, Environment.MachineName, StringComparison.Ordinal);

    /// <summary>Whether the recorded process still runs on this machine (the same process, not a later one with its id).</summary>
    public bool IsAlive()
    {
        try
        {
            using var process = Process.GetProcessById(ProcessId);
            return !process.HasExited && Math.Abs(StartTicks(process) - StartTicksUtc) < TimeSpan.TicksPerSecond;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void WriteTo(string folder) =>
        File.WriteAllText(Path.Combine(folder, FileName), string.Join('\n', Machine, ProcessId, StartTicksUtc.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The owner recorded in <paramref name="folder"/>; null when there is none or it cannot be read.</summary>
    public static StagingOwner? ReadFrom(string folder)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(folder, FileName));
            return lines.Length == 3 && int.TryParse(lines[1], CultureInfo.InvariantCulture, out var pid)
                                     && long.TryParse(lines[2], CultureInfo.InvariantCulture, out var ticks)
                ? new StagingOwner(lines[0], pid, ticks)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static StagingOwner Of(Process process) => new(Environment.MachineName, process.Id, StartTicks(process));

    private static long StartTicks(Process process) => process.StartTime.ToUniversalTime().Ticks;
}
