namespace Eval.Inference.Onnx;

/// <summary>What produced a result: the CPU model and core count (and the provider), recorded on each run.</summary>
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
        return $"{cpu}, {Environment.ProcessorCount} cores, {provider}";
    }
}
