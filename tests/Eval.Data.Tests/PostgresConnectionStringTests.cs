using Npgsql;

namespace Eval.Data.Tests;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void AutoPrepare_IsOnByDefault_AndTheConnectionStringsOwnSettingWins()
    {
        Assert.Equal(32, new NpgsqlConnectionStringBuilder(EvalDatabase.WithAutoPrepare("Host=db;Username=u;Database=eval")).MaxAutoPrepare);
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(EvalDatabase.WithAutoPrepare("Host=db;Max Auto Prepare=0")).MaxAutoPrepare);
        Assert.Equal(5, new NpgsqlConnectionStringBuilder(EvalDatabase.WithAutoPrepare("Host=db;max auto prepare=5")).MaxAutoPrepare);
        // Everything else is kept as given.
        var kept = new NpgsqlConnectionStringBuilder(EvalDatabase.WithAutoPrepare("Host=db;Port=6543;Username=u;Password=p;Database=eval"));
        Assert.Equal(("db", 6543, "u", "p", "eval"), (kept.Host, kept.Port, kept.Username, kept.Password, kept.Database));
    }
}
