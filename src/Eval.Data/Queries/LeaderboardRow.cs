namespace Eval.Data.Queries;

/// <summary>
/// A model's row; Values is empty for a model registered but not yet evaluated. Kind: causal or masked. Family and
/// Checkpoint: the training run the model is a checkpoint of and its position there (null for a model on its own).
/// </summary>
public sealed record LeaderboardRow(
    string Model,
    long ModelId,
    string Architecture,
    long? Parameters,
    string? TokenizerKind,
    IReadOnlyDictionary<string, LeaderboardCell> Values,
    string? Kind = null,
    string? Family = null,
    long? Checkpoint = null)
{
    public bool IsMasked => Kind == Core.Models.ModelKinds.Masked;

    /// <summary>A masked LM has no conditional continuation: columns of scenarios that need one do not apply to it.</summary>
    public bool NotApplicable(LeaderboardColumn column) => IsMasked && column.NeedsContinuation;
}
