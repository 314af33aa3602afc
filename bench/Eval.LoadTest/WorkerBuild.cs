using Eval.Core.Paths;

namespace Eval.LoadTest;

/// <summary>
/// The worker's own build (src/Eval.Worker/bin/&lt;configuration&gt;/&lt;tfm&gt;/Eval.Worker.dll): its output folder holds the
/// package assemblies it runs with, which this host's output does not (here the ASP.NET Core framework provides them).
/// </summary>
public static class WorkerBuild
{
    public static string Path()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
        var root = RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("run the load test from the checkout (Eval.sln not found above " + AppContext.BaseDirectory + ")");
        var dll = System.IO.Path.Combine(root, "src", "Eval.Worker", "bin", output.Parent!.Name, output.Name, "Eval.Worker.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the worker is not built: {dll} (dotnet build src/Eval.Worker -c {output.Parent.Name})");
    }
}
