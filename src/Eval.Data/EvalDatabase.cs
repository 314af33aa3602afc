using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eval.Data;

/// <summary>Registers the application database: SQLite (embedded default) or PostgreSQL, each with its own migrations assembly.</summary>
public static class EvalDatabase
{
    /// <summary>
    /// A private cache per connection (not shared-cache mode, whose table locks make readers wait for the worker's
    /// writes); the file is in WAL mode (<see cref="DatabaseMigrator"/>), so pages read while evaluations write.
    /// </summary>
    public static string SqliteConnectionString(string file) => $"Data Source={file};Pooling=True";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        Configure(options, DatabaseProviders.Sqlite, connectionString);

    public static void Configure(DbContextOptionsBuilder options, string provider, string connectionString)
    {
        var migrations = DatabaseProviders.MigrationsAssembly(provider);
        if (provider == DatabaseProviders.Postgres)
            options.UseNpgsql(WithAutoPrepare(connectionString), npgsql => npgsql.MigrationsAssembly(migrations));
        else
            options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(migrations));
    }

    /// <summary>
    /// Npgsql prepares the statements a connection runs most (server-side, kept per pooled connection) unless the
    /// connection string says otherwise: the pages repeat the same few queries, and parsing and planning each one
    /// again in every PostgreSQL backend showed as most of the server's CPU under load.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase))
            builder.MaxAutoPrepare = 32;
        return builder.ConnectionString;
    }

    public static IServiceCollection AddEvalDatabase(this IServiceCollection services, string connectionString) =>
        services.AddEvalDatabase(DatabaseProviders.Sqlite, connectionString);

    public static IServiceCollection AddEvalDatabase(this IServiceCollection services, string provider, string connectionString) =>
        // Pooled: every page view makes a few short-lived contexts, and building each from scratch showed in profiles.
        services.AddPooledDbContextFactory<EvalDbContext>(options => Configure(options, provider, connectionString));
}
