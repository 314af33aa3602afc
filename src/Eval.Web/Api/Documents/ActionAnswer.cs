using System.Text.Json.Serialization;

namespace Eval.Web.Api.Documents;

/// <summary>The answer to cancel, retry and evaluate: what was done, and the runs concerned with their status.</summary>
public sealed record ActionAnswer(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("runs")] IReadOnlyList<RunProgressDocument> Runs);
