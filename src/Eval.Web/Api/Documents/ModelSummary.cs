using System.Text.Json.Serialization;
using Eval.Data.Entities;

namespace Eval.Web.Api.Documents;

/// <summary>A model as GET /api/models lists it: identity, status and the choices made at upload.</summary>
public sealed record ModelSummary(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_code")] string? ErrorCode,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("suite")] string? Suite,
    [property: JsonPropertyName("groups")] IReadOnlyList<string> Groups,
    [property: JsonPropertyName("queue")] string Queue,
    [property: JsonPropertyName("architecture")] string Architecture,
    [property: JsonPropertyName("parameters")] long? Parameters,
    [property: JsonPropertyName("file_bytes")] long FileBytes,
    [property: JsonPropertyName("uploaded_by")] string? UploadedBy,
    [property: JsonPropertyName("created_at")] DateTime CreatedAt,
    [property: JsonPropertyName("validated_at")] DateTime? ValidatedAt,
    [property: JsonPropertyName("family")] string? Family = null,
    [property: JsonPropertyName("checkpoint_unit")] string? CheckpointUnit = null,
    [property: JsonPropertyName("checkpoint")] long? Checkpoint = null)
{
    /// <summary>SHA-256 over what changes scores (model files, tokenizer.json, settings); the model file's sha256 for models stored before it.</summary>
    [JsonPropertyName("identity_sha256")]
    public string? IdentitySha256 { get; init; }

    /// <summary>What identity_sha256 is made of, in words.</summary>
    [JsonPropertyName("identity")]
    public string? Identity { get; init; }

    public static ModelSummary From(ModelEntity m) => new(m.Id, m.Name, m.Description, m.Sha256, m.Status, m.Error, m.ErrorCode, m.Kind,
        m.Source, m.Suite, m.Groups?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [], m.Queue, m.Architecture, m.Parameters,
        m.FileBytes, m.UploadedBy, m.CreatedAt, m.ValidatedAt, m.Family, m.CheckpointUnit, m.Checkpoint)
    {
        IdentitySha256 = m.IdentitySha256 ?? m.Sha256,
        Identity = m.IdentityFiles,
    };
}
