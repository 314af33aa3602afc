using Eval.Core.Efficiency;

namespace Eval.Inference.Onnx;

/// <summary>
/// What produced a result: the CPU model and core count, the GPU's name when the provider is CUDA (from NVML, where
/// it loads), and the provider; recorded on each run. Efficiency figures are only comparable between equal strings.
/// </summary>
public static class HardwareDescription
{
    public static string Current(string provider)
    {
        var cpu = "unknown CPU";
        const string cpuinfo = "/proc/cpuinfo";
        if (File.Exists(cpuinfo))
        {
            var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null && line.IndexOf(':') is var colon and >= 0)
                cpu = line[(colon + 1)..].Trim();
        }
        var gpu = "";
        if (provider.StartsWith("CUDA", StringComparison.Ordinal))
        {
            using var nvml = NvmlEnergyMeter.TryOpen();
            gpu = $"{nvml?.GpuName ?? "unknown GPU"}, ";
        }
        return $"{gpu}{cpu}, {Environment.ProcessorCount} cores, {provider}";
    }
}
