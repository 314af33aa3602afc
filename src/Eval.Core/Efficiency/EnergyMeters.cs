namespace Eval.Core.Efficiency;

/// <summary>
/// The meter for the hardware that runs the model: NVML for the CUDA provider, RAPL for the CPU; null where the
/// machine exposes neither (energy is then unavailable, never estimated).
/// </summary>
public static class EnergyMeters
{
    public static IEnergyMeter? For(string provider) =>
        provider.StartsWith("CUDA", StringComparison.Ordinal) ? NvmlEnergyMeter.TryOpen() : RaplEnergyMeter.TryOpen();
}
