namespace Eval.Data.Entities;

/// <summary>A registered model package: where its files are, what they hash to, and what is known of it.</summary>
public sealed class ModelEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Directory { get; set; }
    public required string Sha256 { get; set; }
    public required string TokenizerSha256 { get; set; }
    public string Architecture { get; set; } = "unknown";
    public string? TokenizerKind { get; set; }
    public long? Parameters { get; set; }
    public long FileBytes { get; set; }
    public int VocabSize { get; set; }
    public int ContextLength { get; set; }
    /// <summary>reference (shipped in models/reference) or upload.</summary>
    public string Source { get; set; } = ModelSources.Reference;
    public DateTime CreatedAt { get; set; }
    public List<RunEntity> Runs { get; set; } = [];
}
