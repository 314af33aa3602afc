using System.Text.Json.Serialization;

namespace Eval.Web.Api.Documents;

/// <summary>POST /api/models: 202 {"id","sha256","status":"queued"} for new content, 200 with "duplicate": true for content already stored.</summary>
public sealed record UploadAnswer(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("duplicate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Duplicate);
