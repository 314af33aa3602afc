using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eval.Data;

/// <summary>Registers the application database: SQLite (embedded default) or PostgreSQL, each with its own migrations assembly.</summary>
public static class EvalDatabase
{
    public static string SqliteConnectionString(string file) => $"Data Source={file};Cache=Shared;Pooling=True";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        Configure(options, DatabaseProviders.Sqlite, connectionString);

    public static void Configure(DbContextOptionsBuilder options, string provider, string connectionString)
    {
        var migrations = DatabaseProviders.MigrationsAssembly(provider);
        if (provider == DatabaseProviders.Postgres)
            options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(migrations));
        else
            options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(migrations));
    }

    public static IServiceCollection AddEvalDatabase(this IServiceCollection services, string connectionString) =>
        services.AddEvalDatabase(DatabaseProviders.Sqlite, connectionString);

    public static IServiceCollection AddEvalDatabase(this IServiceCollection services, string provider, string connectionString) =>
        services.AddDbContextFactory<EvalDbContext>(options => Configure(options, provider, connectionString));
}
