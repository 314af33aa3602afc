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
        DatabaseProvider = database.Provider;
        if (database.Provider == DatabaseProviders.Postgres && string.IsNullOrWhiteSpace(database.ConnectionString))
            throw new InvalidOperationException(
                "Eval:Database:Provider is Postgres but Eval:Database:ConnectionString is empty (e.g. Host=db;Database=eval;Username=eval;Password=...)");
        DatabaseConnectionString = string.IsNullOrWhiteSpace(database.ConnectionString)
            ? EvalDatabase.SqliteConnectionString(Path.Combine(DataDirectory, "eval.db"))
            : database.ConnectionString;
        HangfireDatabaseFile = Path.Combine(DataDirectory, "hangfire.db");
        ModelsDirectory = string.IsNullOrWhiteSpace(options.ModelsDirectory)
            ? Path.Combine(DataDirectory, "models")
            : RepositoryPaths.Resolve(options.ModelsDirectory, contentRoot);
        // Beside the models when they live elsewhere: the move into place stays a rename on one file system.
        UploadsDirectory = string.IsNullOrWhiteSpace(options.ModelsDirectory)
            ? Path.Combine(DataDirectory, "uploads")
            : Path.Combine(ModelsDirectory, ".uploads");
    }

    public static EvalPaths FromConfiguration(IConfiguration configuration, string contentRoot) =>
        new(configuration.GetSection(EvalOptions.Section).Get<EvalOptions>() ?? new EvalOptions(),
            configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions(),
            contentRoot);

    public string DataDirectory { get; }
    public string ScenariosDirectory { get; }
    public string ReferenceModelsDirectory { get; }
    public string WebRootDirectory { get; }
    /// <summary>Sqlite or Postgres (<see cref="DatabaseProviders"/>).</summary>
    public string DatabaseProvider { get; }
    public string DatabaseConnectionString { get; }
    public string HangfireDatabaseFile { get; }
    /// <summary>
    /// Uploaded models, content-addressed: &lt;sha256&gt;/ (Eval:ModelsDirectory, default models/ in the data folder). On
    /// several machines, a path every worker reads (a shared mount) at the same place.
    /// </summary>
    public string ModelsDirectory { get; }
    /// <summary>Uploads being received and checked, one folder each, before they move into <see cref="ModelsDirectory"/>.</summary>
    public string UploadsDirectory { get; }
}
