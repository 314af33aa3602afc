using Eval.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Eval.Migrations.Postgres;

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL context; adding a migration never connects.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<EvalDbContext>
{
    public EvalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<EvalDbContext>();
        EvalDatabase.Configure(options, DatabaseProviders.Postgres, "Host=127.0.0.1;Database=eval_design_time");
        return new EvalDbContext(options.Options);
    }
}
