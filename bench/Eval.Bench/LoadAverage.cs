using System.Globalization;

namespace Eval.Bench;

/// <summary>The machine's 1-minute load average (/proc/loadavg), recorded with each figure: the machine is shared.</summary>
public static class LoadAverage
{
    public static double? OneMinute()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public static string Text() => OneMinute() is { } load ? load.ToString("0.00", CultureInfo.InvariantCulture) : "n/a";
}
