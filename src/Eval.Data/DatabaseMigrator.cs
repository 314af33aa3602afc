using Microsoft.EntityFrameworkCore;

namespace Eval.Data;

/// <summary>
/// Applies the migrations once however many hosts start together: on PostgreSQL every web host and worker
/// migrates under one session advisory lock, so the first applies them and the others find nothing left to do.
/// SQLite is one machine's file, migrated under EF Core's own lock and switched to WAL mode (kept in the file), where
/// readers never wait for a writer: the web host's pages stay fast while the worker stores responses.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>The advisory lock key: "evalmigr" in ASCII, a number no other application on the database uses.</summary>
    public const long AdvisoryLockKey = 7311138163402565490;

    public static async Task MigrateAsync(EvalDbContext db, CancellationToken cancellationToken = default)
    {
        if (!db.Database.IsNpgsql())
        {
            await db.Database.MigrateAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            return;
        }
        PostgresDatabase.EnsureExists(db.Database.GetConnectionString()!);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_lock(7311138163402565490)", cancellationToken);
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_unlock(7311138163402565490)", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
