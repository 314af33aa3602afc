namespace Eval.Jobs.Options;

/// <summary>The values of Eval:Hangfire:Storage.</summary>
public static class HangfireStorages
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";
    public const string Memory = "Memory";
}
