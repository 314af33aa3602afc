using System.ComponentModel.DataAnnotations;

namespace Eval.Jobs.Options;

/// <summary>
/// Eval:Hangfire: job storage. Sqlite keeps its own file beside the app database (one machine); Postgres is shared by
/// every web host and worker (its connection string defaults to Eval:Database's); Memory is for unit tests of job code.
/// </summary>
public sealed class HangfireOptions
{
    public const string Section = "Eval:Hangfire";

    [Required, AllowedValues("Sqlite", "Postgres", "Memory")]
    public string Storage { get; set; } = "Sqlite";

    /// <summary>PostgreSQL storage only; empty means the application database's connection string (tables in schema "hangfire").</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL storage only: how long a job fetched by a worker that stopped sending heartbeats (killed, machine
    /// lost) stays invisible before another worker takes it. Live workers keep extending it (sliding), so a long run
    /// is never taken twice.
    /// </summary>
    [Range(5, 86400)]
    public int InvisibilityTimeoutSeconds { get; set; } = 300;
}
