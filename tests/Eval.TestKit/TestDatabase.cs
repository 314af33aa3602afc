using Eval.Data;
using Microsoft.EntityFrameworkCore;

namespace Eval.TestKit;

/// <summary>A real SQLite file of its own, migrated as the platform migrates it (the project's migrations, WAL mode).</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly TempDirectory directory = new();

    public TestDatabase()
    {
        File = directory.File("eval.db");
        ConnectionString = EvalDatabase.SqliteConnectionString(File);
        using var db = CreateContext();
        DatabaseMigrator.MigrateAsync(db).GetAwaiter().GetResult();
    }

    public string File { get; }

    public string ConnectionString { get; }

    public EvalDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<EvalDbContext>();
        EvalDatabase.Configure(options, ConnectionString);
        return new EvalDbContext(options.Options);
    }

    public IDbContextFactory<EvalDbContext> Factory() => new Factory(this);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Dispose();
    }
}

internal sealed class Factory(TestDatabase database) : IDbContextFactory<EvalDbContext>
{
    public EvalDbContext CreateDbContext() => database.CreateContext();
}
