using Eval.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Eval.Migrations;

/// <summary>Lets `dotnet ef migrations add` build the context without starting the web host.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EvalDbContext>
{
    public EvalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EvalDbContext>();
        EvalDatabase.Configure(options, EvalDatabase.SqliteConnectionString("design-time.db"));
        return new EvalDbContext(options.Options);
    }
}
