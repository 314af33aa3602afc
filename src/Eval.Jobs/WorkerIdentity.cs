using Eval.Inference.Onnx;

namespace Eval.Jobs;

/// <summary>
/// How this process names itself as a Hangfire server: "machine:pid | hardware". Hangfire keeps the name with every
/// heartbeat, so the Jobs page can say which workers are alive, on what hardware, and what each runs.
/// </summary>
public static class WorkerIdentity
{
    public const string Separator = " | ";

    public static string ServerName(InferenceOptions inference) =>
        $"{Environment.MachineName}:{Environment.ProcessId}{Separator}{HardwareDescription.Current("device " + inference.Device)}";

    /// <summary>The two halves of a server id (Hangfire appends ":&lt;pid&gt;:&lt;guid&gt;" to the server name to make it).</summary>
    public static (string Worker, string Hardware) Parse(string serverId)
    {
        var at = serverId.IndexOf(Separator, StringComparison.Ordinal);
        if (at < 0)
            return (serverId, "");
        var hardware = serverId[(at + Separator.Length)..];
        // Drop the ":<pid>:<guid>" Hangfire appends to the server name.
        var colon = hardware.LastIndexOf(':');
        if (colon >= 0 && Guid.TryParse(hardware[(colon + 1)..], out _))
        {
            hardware = hardware[..colon];
            colon = hardware.LastIndexOf(':');
            if (colon >= 0 && hardware[(colon + 1)..].All(char.IsAsciiDigit))
                hardware = hardware[..colon];
        }
        return (serverId[..at], hardware);
    }
}
