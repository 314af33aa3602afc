using Eval.Data;
using Eval.Jobs.Options;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Npgsql;

namespace Eval.Jobs;

/// <summary>The Hangfire storage Eval:Hangfire:Storage names: SQLite (one machine), PostgreSQL (shared by every host) or memory.</summary>
public static class JobStorageFactory
{
    public const string PostgresSchema = "hangfire";

    /// <summary>The job storage's schema install lock ("evaljobs" in ASCII): N hosts starting together install it once.</summary>
    private const long InstallLockKey = 0x6576616C6A6F6273;

    public static void Use(IGlobalConfiguration config, HangfireOptions options, EvalPaths paths)
    {
        switch (options.Storage)
        {
            case HangfireStorages.Memory:
                config.UseInMemoryStorage();
                break;
            case HangfireStorages.Postgres:
                config.UseStorage(CreatePostgres(PostgresConnectionString(options, paths), options));
                break;
            default:
                config.UseStorage(new SQLiteStorage(paths.HangfireDatabaseFile, new SQLiteStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    JournalMode = SQLiteStorageOptions.JournalModes.WAL,
                }));
                break;
        }
    }

    public static string PostgresConnectionString(HangfireOptions options, EvalPaths paths) =>
        !string.IsNullOrWhiteSpace(options.ConnectionString) ? options.ConnectionString
        : paths.DatabaseProvider == DatabaseProviders.Postgres ? paths.DatabaseConnectionString
        : throw new InvalidOperationException(
            "Eval:Hangfire:Storage is Postgres but neither Eval:Hangfire:ConnectionString nor a Postgres Eval:Database is configured");

    private static PostgreSqlStorage CreatePostgres(string connectionString, HangfireOptions options)
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = PostgresSchema,
            QueuePollInterval = TimeSpan.FromSeconds(1),
            InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilityTimeoutSeconds),
            UseSlidingInvisibilityTimeout = true,
            // Installed below under a lock instead of by each host on its own.
            PrepareSchemaIfNecessary = false,
        };
        PostgresDatabase.EnsureExists(connectionString);
        using (var connection = new NpgsqlConnection(connectionString))
        {
            connection.Open();
            PostgresDatabase.WithAdvisoryLock(connection, InstallLockKey, () => PostgreSqlObjectsInstaller.Install(connection, PostgresSchema));
        }
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions);
    }
}
