namespace Eval.Jobs.Uploads;

/// <summary>
/// What the uploader chose: name and description (shown on the leaderboard and model page), the suite (quick or
/// full) and scenario groups, the kind (causal or masked; null = detect), the queue (cpu, or cuda to pin the model
/// to GPU workers), who uploaded it (the API key's name, or "browser"), and which graph of a zip to evaluate (e.g.
/// onnx/model_fp16.onnx; null: the documented order of <see cref="Inference.Onnx.GraphLayout"/>). Family and CheckpointFields
/// (checkpoint_tokens, checkpoint_words or checkpoint_step, as sent) place it in a training run (CheckpointRules).
/// </summary>
public sealed record ModelUploadRequest(
    string? Name,
    string? Description,
    string? Suite,
    IReadOnlyList<string>? Groups,
    string? Kind,
    string? Queue,
    string UploadedBy,
    string? Graph = null,
    string? Family = null,
    IReadOnlyDictionary<string, string?>? CheckpointFields = null);
