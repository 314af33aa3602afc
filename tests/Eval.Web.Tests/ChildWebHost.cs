using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// The real web host (with its in-process worker) as a child process: `dotnet Eval.Web.dll --urls
/// http://127.0.0.1:0`, configured by environment variables, its address read from the "Now listening on" line.
/// <see cref="Kill"/> is kill -9 (Process.Kill sends SIGKILL): no shutdown code runs.
/// </summary>
public sealed partial class ChildWebHost : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildWebHost(IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Eval.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address => listening.Task.Result;

    public int ProcessId => process.Id;

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    public static async Task<ChildWebHost> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var host = new ChildWebHost(environment);
        var exited = host.process.WaitForExitAsync();
        var first = await Task.WhenAny(host.listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != host.listening.Task)
        {
            host.Dispose();
            throw new InvalidOperationException($"the web host did not start listening:\n{host.Output}");
        }
        return host;
    }

    /// <summary>kill -9: the process and its children end at once, mid-write if it was writing.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    private void Line(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
        if (ListeningLine().Match(line) is { Success: true } match)
            listening.TrySetResult(new Uri(match.Groups[1].Value));
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();

    public void Dispose()
    {
        if (!process.HasExited)
            Kill();
        process.Dispose();
    }
}
