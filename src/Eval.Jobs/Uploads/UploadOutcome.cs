using Eval.Data.Entities;

namespace Eval.Jobs.Uploads;

/// <summary>The stored model an upload led to; Duplicate when its content was already there (nothing new stored or queued).</summary>
public sealed record UploadOutcome(ModelEntity Model, bool Duplicate);
