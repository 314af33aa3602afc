using System.Text.Json.Serialization;

namespace Eval.Web.Api.Documents;

/// <summary>
/// POST /api/models: 202 {"id","sha256","identity_sha256","status":"queued"} for new content, 200 with "duplicate": true
/// for content already stored (the same identity: model files, tokenizer.json and the settings scoring uses).
/// </summary>
public sealed record UploadAnswer(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("identity_sha256")] string IdentitySha256,
    [property: JsonPropertyName("duplicate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? Duplicate);
