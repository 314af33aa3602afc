namespace Eval.Data.Entities;

/// <summary>A registered model package: where its files are, what they hash to, and what is known of it.</summary>
public sealed class ModelEntity
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Directory { get; set; }
    public required string Sha256 { get; set; }
    public required string TokenizerSha256 { get; set; }
    /// <summary>
    /// SHA-256 over everything that changes scores: model.onnx (+ .onnx.data), tokenizer.json and the special-token
    /// and context settings read from config.json/tokenizer_config.json. Null for models stored before it existed,
    /// which are known by Sha256 and TokenizerSha256 as before.
    /// </summary>
    public string? IdentitySha256 { get; set; }
    /// <summary>What <see cref="IdentitySha256"/> is made of, in words (the files and the settings taken from them).</summary>
    public string? IdentityFiles { get; set; }
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

    /// <summary>A <see cref="ModelStatus"/> string; kept current at every run transition.</summary>
    public string Status { get; set; } = ModelStatus.Finished;
    /// <summary>Why the model was rejected (validation) or failed (its first failed run), in words.</summary>
    public string? Error { get; set; }
    /// <summary>The stable code of a rejection (CONTRACTS.md error codes, e.g. smoke_test_failed).</summary>
    public string? ErrorCode { get; set; }
    public string? Description { get; set; }
    /// <summary>causal or masked (ModelKinds ids): detected from the files, or stated at upload; null = detect when needed.</summary>
    public string? Kind { get; set; }
    /// <summary>The Hangfire queue its jobs go to: cpu, or cuda to pin it to GPU workers.</summary>
    public string Queue { get; set; } = "cpu";
    /// <summary>The suite chosen at upload: quick (seeded sample) or full.</summary>
    public string? Suite { get; set; }
    /// <summary>The scenario groups chosen at upload, comma-separated (e.g. blimp).</summary>
    public string? Groups { get; set; }
    /// <summary>The API key name (or "browser") that uploaded it.</summary>
    public string? UploadedBy { get; set; }
    /// <summary>When validation passed; null for an upload still waiting for it (and for reference models, trusted as shipped).</summary>
    public DateTime? ValidatedAt { get; set; }
    /// <summary>The validation smoke test's scoring time per token (one thread, batch 1): a run's deadline is derived from it; null = no deadline.</summary>
    public double? SmokeMillisecondsPerToken { get; set; }
    /// <summary>The training run this model is a checkpoint of (e.g. gpt-mini-bpe8k); null for a model on its own.</summary>
    public string? Family { get; set; }
    /// <summary>What <see cref="Checkpoint"/> counts (<see cref="CheckpointUnits"/>: tokens, words or step); null without a family.</summary>
    public string? CheckpointUnit { get; set; }
    /// <summary>The checkpoint's position in its run: training tokens or words seen, or the optimizer step.</summary>
    public long? Checkpoint { get; set; }

    /// <summary>An upload not yet through validation: its status is the validation's, not its runs'.</summary>
    public bool InValidation => Source == ModelSources.Upload && ValidatedAt is null;
}
