using System.ComponentModel.DataAnnotations;

namespace Eval.Jobs.Options;

/// <summary>Eval:Hangfire: job storage; SQLite keeps its own file beside the app database.</summary>
public sealed class HangfireOptions
{
    public const string Section = "Eval:Hangfire";

    [Required, AllowedValues("Sqlite", "Memory")]
    public string Storage { get; set; } = "Sqlite";
}
