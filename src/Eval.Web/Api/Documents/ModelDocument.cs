using System.Text.Json.Serialization;
using Eval.Data.Queries;

namespace Eval.Web.Api.Documents;

/// <summary>GET /api/models/{id}: the model's status and error (code and reason when rejected or failed) and every run's progress.</summary>
public sealed record ModelDocument(
    [property: JsonPropertyName("model")] ModelSummary Model,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_code")] string? ErrorCode,
    [property: JsonPropertyName("runs")] IReadOnlyList<RunProgressDocument> Runs)
{
    public static ModelDocument From(ModelStatusView view) => new(ModelSummary.From(view.Model), view.Model.Id, view.Model.Sha256,
        view.Model.Status, view.Model.Error, view.Model.ErrorCode, view.Runs.Select(RunProgressDocument.From).ToList());
}
