using System.ComponentModel.DataAnnotations;

namespace Eval.Jobs.Options;

/// <summary>
/// Eval:Database: the application database. Sqlite (embedded default; an empty connection string means eval.db in the
/// data folder) or Postgres (a connection string is required), for hosts on several machines sharing one database.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Eval:Database";

    [Required, AllowedValues("Sqlite", "Postgres")]
    public string Provider { get; set; } = "Sqlite";

    public string? ConnectionString { get; set; }
}
