using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Eval.TestKit;

/// <summary>
/// A real host of the platform as a child process (`dotnet Eval.Web.dll` or `dotnet Eval.Worker.dll` from this
/// output folder), configured by environment variables. <see cref="Kill"/> is SIGKILL: no shutdown code runs.
/// </summary>
public sealed partial class ChildHost : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildHost(string dll, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
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
    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    /// <summary>The web host on a free loopback port, once it listens.</summary>
    public static Task<ChildHost> StartWebAsync(IReadOnlyDictionary<string, string> environment) =>
        WaitAsync(new ChildHost("Eval.Web.dll", environment, "--urls", "http://127.0.0.1:0"), h => h.listening.Task, "the web host did not start listening");

    /// <summary>A standalone worker (src/Eval.Worker), once its host has started (migrated, job server running).</summary>
    public static Task<ChildHost> StartWorkerAsync(IReadOnlyDictionary<string, string> environment) =>
        WaitAsync(new ChildHost("Eval.Worker.dll", environment), h => h.started.Task, "the worker did not start");

    private static async Task<ChildHost> WaitAsync(ChildHost host, Func<ChildHost, Task> ready, string failure)
    {
        var exited = host.process.WaitForExitAsync();
        var first = await Task.WhenAny(ready(host), exited, Task.Delay(TimeSpan.FromSeconds(180)));
        if (first != ready(host))
        {
            host.Dispose();
            throw new InvalidOperationException($"{failure}:\n{host.Output}");
        }
        return host;
    }

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
        if (line.Contains("Application started", StringComparison.Ordinal))
            started.TrySetResult();
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
