namespace Eval.Data;

/// <summary>The application database's providers (Eval:Database:Provider) and the assembly holding each one's migrations.</summary>
public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static string MigrationsAssembly(string provider) => provider switch
    {
        Sqlite => EvalDbContext.MigrationsAssembly,
        Postgres => EvalDbContext.PostgresMigrationsAssembly,
        _ => throw new ArgumentException($"database provider must be {Sqlite} or {Postgres}, not '{provider}'", nameof(provider)),
    };
}
