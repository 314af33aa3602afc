using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Eval.Bench;

/// <summary>Runs a peer script of bench/peer (peer_torch_blimp.py unless named; PyTorch eager, Debian's python3-torch) on the first N pairs of its file.</summary>
public static partial class PeerRunner
{
    public const string Python = "/usr/bin/python3";

    public static async Task<PeerResult> RunAsync(string root, string modelDirectory, string idsFile, int batch, int limit, TextWriter log,
        string scriptName = "peer_torch_blimp.py", IEnumerable<string>? extraArgs = null)
    {
        var output = await RunScriptAsync(root, scriptName,
            [modelDirectory, idsFile, "--batch", batch.ToString(CultureInfo.InvariantCulture), "--limit", limit.ToString(CultureInfo.InvariantCulture), .. extraArgs ?? []]);
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => PeerLine().IsMatch(l))
            ?? throw new InvalidOperationException($"unexpected peer output: {output.Trim()}");
        await log.WriteLineAsync("peer: " + line);
        var m = PeerLine().Match(line);
        var pairs = int.Parse(m.Groups["pairs"].Value, CultureInfo.InvariantCulture);
        var seconds = double.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture);
        var rate = double.Parse(m.Groups["rate"].Value, CultureInfo.InvariantCulture);
        // The peer prints seconds to 0.1 s and the rate as an integer: use whichever is the more precise.
        var fromSeconds = seconds > 0 ? pairs / seconds : rate;
        var precise = seconds > 0 && 0.05 / seconds < 0.5 / Math.Max(rate, 1) ? fromSeconds : rate;
        return new PeerResult(pairs, precise, double.Parse(m.Groups["accuracy"].Value, CultureInfo.InvariantCulture), line);
    }

    /// <summary>Runs bench/peer/<paramref name="scriptName"/> with Debian's python3; its stdout, or why it failed.</summary>
    public static async Task<string> RunScriptAsync(string root, string scriptName, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(root, "bench", "peer", scriptName));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the peer failed (exit {process.ExitCode}): {(await stderr).Trim()}\n{output.Trim()}\n"
                + "it needs Debian's python3-torch, python3-onnx and libopenblas0-pthread (apt-get install -y ...)");
        return output;
    }

    [GeneratedRegex(@"(?<pairs>\d+) pairs in (?<seconds>[\d.]+)s = (?<rate>[\d.]+) pairs/s; accuracy (?<accuracy>[\d.]+)")]
    private static partial Regex PeerLine();
}
