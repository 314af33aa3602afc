using Npgsql;

namespace Eval.ScaleOut.Tests;

/// <summary>
/// The PostgreSQL server the tests use, from EVAL_TEST_POSTGRES (./test.sh starts Debian's PostgreSQL and sets it).
/// Each test gets a database of its own, dropped afterwards, so reruns start clean. Unreachable means a failed
/// test with the reason, never a skipped one.
/// </summary>
public sealed class TestPostgres : IDisposable
{
    public const string Variable = "EVAL_TEST_POSTGRES";

    private readonly string server;

    public TestPostgres()
    {
        server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: run ./test.sh (it installs and starts PostgreSQL through .ci/postgres.sh), or export " +
                $"{Variable}=\"Host=127.0.0.1;Username=...;Password=...;Database=postgres\" for a role allowed to create databases");
        try
        {
            using var connection = new NpgsqlConnection(server);
            connection.Open();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new InvalidOperationException($"PostgreSQL is unreachable at {Variable}={Redacted(server)}: {e.Message}", e);
        }
        Database = "eval_test_" + Guid.NewGuid().ToString("N")[..12];
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Database }.ConnectionString;
    }

    public string Database { get; }

    /// <summary>The test's own database (created by the first host that migrates it).</summary>
    public string ConnectionString { get; }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    private static string Redacted(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;
}
