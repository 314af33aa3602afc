using System.Text.Json.Serialization;

namespace Eval.Web.Api.Documents;

/// <summary>POST /api/models/{id}/evaluate's optional body: the suite (quick or full) and scenario groups; the upload's choice when left out.</summary>
public sealed record EvaluateRequest(
    [property: JsonPropertyName("suite")] string? Suite,
    [property: JsonPropertyName("groups")] IReadOnlyList<string>? Groups);
