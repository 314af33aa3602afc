namespace Eval.Core.Paths;

/// <summary>
/// Resolves configured relative paths: against the checkout (the folder holding Eval.sln) when run from one,
/// else against the content root of a published build (CONTRACTS.md, "Repository paths").
/// </summary>
public static class RepositoryPaths
{
    public const string SolutionFileName = "Eval.sln";

    public static string? FindRepositoryRoot(string? startDirectory = null)
    {
        var dir = new DirectoryInfo(startDirectory ?? Directory.GetCurrentDirectory());
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                return dir.FullName;
            dir = dir.Parent;
        }
        return null;
    }

    /// <summary>The base folder for relative paths: the checkout if the working directory or the binaries are in one.</summary>
    public static string BaseDirectory(string contentRoot) =>
        FindRepositoryRoot() ?? FindRepositoryRoot(AppContext.BaseDirectory) ?? contentRoot;

    public static string Resolve(string path, string contentRoot) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(BaseDirectory(contentRoot), path));
}
