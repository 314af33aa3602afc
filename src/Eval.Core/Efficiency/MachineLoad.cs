using System.Globalization;

namespace Eval.Core.Efficiency;

/// <summary>
/// How busy the machine was when a repetition ran: the 1-minute load average (/proc/loadavg). The same weights
/// measured 3,304 and 6,322 decode tokens/s on a shared machine; the load says which figure was taken under load.
/// Null where there is no /proc.
/// </summary>
public static class MachineLoad
{
    public static double? OneMinuteAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
