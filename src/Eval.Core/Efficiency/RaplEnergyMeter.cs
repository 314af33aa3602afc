using System.Globalization;

namespace Eval.Core.Efficiency;

/// <summary>
/// Linux powercap RAPL: the package-0 domain's energy_uj counter (microjoules; whole CPU package, so other work on
/// the socket counts too). Often readable by root only; then there is no meter and energy is unavailable.
/// </summary>
public sealed class RaplEnergyMeter : IEnergyMeter
{
    public const string DefaultDomain = "/sys/class/powercap/intel-rapl:0";

    private readonly string counter;
    private readonly double rangeJoules;

    private RaplEnergyMeter(string domain, double rangeJoules)
    {
        counter = Path.Combine(domain, "energy_uj");
        this.rangeJoules = rangeJoules;
    }

    public string Source => "RAPL package 0 (powercap)";

    /// <summary>The meter when the counter can be read, else null.</summary>
    public static RaplEnergyMeter? TryOpen(string domain = DefaultDomain)
    {
        try
        {
            var range = File.Exists(Path.Combine(domain, "max_energy_range_uj"))
                ? Microjoules(File.ReadAllText(Path.Combine(domain, "max_energy_range_uj"))) : double.NaN;
            var meter = new RaplEnergyMeter(domain, range);
            meter.ReadJoules();
            return meter;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public double ReadJoules() => Microjoules(File.ReadAllText(counter));

    public double Between(double before, double after) =>
        after >= before || double.IsNaN(rangeJoules) ? after - before : after + rangeJoules - before;

    private static double Microjoules(string text) => long.Parse(text.Trim(), CultureInfo.InvariantCulture) / 1e6;

    public void Dispose()
    {
    }
}
