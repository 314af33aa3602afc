using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eval.Data;

/// <summary>Registers the SQLite database (migrations from the Eval.Migrations assembly).</summary>
public static class EvalDatabase
{
    public static string SqliteConnectionString(string file) => $"Data Source={file};Cache=Shared;Pooling=True";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(EvalDbContext.MigrationsAssembly));

    public static IServiceCollection AddEvalDatabase(this IServiceCollection services, string connectionString) =>
        services.AddDbContextFactory<EvalDbContext>(options => Configure(options, connectionString));
}
