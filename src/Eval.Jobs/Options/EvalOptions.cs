using System.ComponentModel.DataAnnotations;

namespace Eval.Jobs.Options;

/// <summary>Eval:DataDirectory: databases, uploaded models and exports (relative paths resolve as CONTRACTS.md says).</summary>
public sealed class EvalOptions
{
    public const string Section = "Eval";

    [Required]
    public string DataDirectory { get; set; } = "./data";

    [Required]
    public string ScenariosDirectory { get; set; } = "./scenarios";

    [Required]
    public string ReferenceModelsDirectory { get; set; } = "./models/reference";

    /// <summary>Uploaded models; empty means models/ in the data folder. With workers on several machines: a shared path every worker reads.</summary>
    public string? ModelsDirectory { get; set; }
}
