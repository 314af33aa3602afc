using Eval.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Eval.ScaleOut.Tests;

/// <summary>Many hosts starting together on a fresh PostgreSQL database apply the migrations once, without a race.</summary>
public sealed class MigrationTests
{
    [Fact]
    public async Task SixHostsMigratingAtOnce_CreateTheDatabase_AndApplyEachMigrationOnce()
    {
        using var postgres = new TestPostgres();
        var migrations = MultiWorkerTests.PostgresContext(postgres.ConnectionString).Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await using var db = MultiWorkerTests.PostgresContext(postgres.ConnectionString);
            await DatabaseMigrator.MigrateAsync(db);
        })));

        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var applied = new NpgsqlCommand("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"", connection);
        var rows = new List<string>();
        await using (var reader = await applied.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add(reader.GetString(0));
        Assert.Equal(migrations, rows);
        await using var db2 = MultiWorkerTests.PostgresContext(postgres.ConnectionString);
        Assert.Empty(await db2.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db2.Runs.CountAsync());
    }
}
