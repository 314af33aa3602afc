using Npgsql;

namespace Eval.Data;

/// <summary>PostgreSQL chores shared by the application database and the job storage.</summary>
public static class PostgresDatabase
{
    /// <summary>
    /// Creates the connection string's database when it is missing (through the maintenance database "postgres"),
    /// so a fresh server needs only a role allowed to create databases; a concurrent creator wins harmlessly.
    /// </summary>
    public static void EnsureExists(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database ?? throw new ArgumentException("the PostgreSQL connection string names no Database");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        connection.Open();
        using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", name);
            if (exists.ExecuteScalar() is not null)
                return;
        }
        try
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"")}\"", connection);
            create.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
        }
    }

    /// <summary>Runs <paramref name="action"/> holding a session advisory lock on <paramref name="connection"/>'s database.</summary>
    public static void WithAdvisoryLock(NpgsqlConnection connection, long key, Action action)
    {
        using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", connection))
            take.ExecuteNonQuery();
        try
        {
            action();
        }
        finally
        {
            using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({key})", connection);
            release.ExecuteNonQuery();
        }
    }
}
