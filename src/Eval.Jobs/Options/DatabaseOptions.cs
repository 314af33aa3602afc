using System.ComponentModel.DataAnnotations;

namespace Eval.Jobs.Options;

/// <summary>Eval:Database: the application database; an empty connection string means eval.db in the data folder.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Eval:Database";

    [Required, AllowedValues("Sqlite")]
    public string Provider { get; set; } = "Sqlite";

    public string? ConnectionString { get; set; }
}
