using System.Diagnostics;
using Eval.TestKit;

namespace Eval.Web.Tests;

/// <summary>
/// The command line as a user runs it: `dotnet eval.dll <command> ...` in its own process, with EVAL_API_KEY set only
/// when the test gives one (never inherited from the machine running the tests).
/// </summary>
public static class EvalCliProcess
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(string? apiKey, params string[] args)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(Repo.Root, "src", "Eval.Cli", "bin", configuration, "net10.0", "eval.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["ORT_DISABLE_TELEMETRY"] = "1";
        start.Environment.Remove("EVAL_API_KEY");
        if (apiKey is not null)
            start.Environment["EVAL_API_KEY"] = apiKey;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await stdout, await stderr);
    }
}
