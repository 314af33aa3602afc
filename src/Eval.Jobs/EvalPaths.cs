using Eval.Core.Paths;
using Eval.Data;
using Eval.Jobs.Options;
using Microsoft.Extensions.Configuration;

namespace Eval.Jobs;

/// <summary>The folders and files the platform uses, resolved once from configuration and the content root.</summary>
public sealed class EvalPaths
{
    public EvalPaths(EvalOptions options, DatabaseOptions database, string contentRoot)
    {
        DataDirectory = RepositoryPaths.Resolve(options.DataDirectory, contentRoot);
        ScenariosDirectory = RepositoryPaths.Resolve(options.ScenariosDirectory, contentRoot);
        ReferenceModelsDirectory = RepositoryPaths.Resolve(options.ReferenceModelsDirectory, contentRoot);
        WebRootDirectory = RepositoryPaths.Resolve("wwwroot", contentRoot);
        DatabaseConnectionString = string.IsNullOrWhiteSpace(database.ConnectionString)
            ? EvalDatabase.SqliteConnectionString(Path.Combine(DataDirectory, "eval.db"))
            : database.ConnectionString;
        HangfireDatabaseFile = Path.Combine(DataDirectory, "hangfire.db");
        ModelsDirectory = Path.Combine(DataDirectory, "models");
        UploadsDirectory = Path.Combine(DataDirectory, "uploads");
    }

    public static EvalPaths FromConfiguration(IConfiguration configuration, string contentRoot) =>
        new(configuration.GetSection(EvalOptions.Section).Get<EvalOptions>() ?? new EvalOptions(),
            configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions(),
            contentRoot);

    public string DataDirectory { get; }
    public string ScenariosDirectory { get; }
    public string ReferenceModelsDirectory { get; }
    public string WebRootDirectory { get; }
    public string DatabaseConnectionString { get; }
    public string HangfireDatabaseFile { get; }
    /// <summary>Uploaded models, content-addressed: models/&lt;sha256&gt;/.</summary>
    public string ModelsDirectory { get; }
    /// <summary>Uploads being received and checked, one folder each, before they move into <see cref="ModelsDirectory"/>.</summary>
    public string UploadsDirectory { get; }
}
