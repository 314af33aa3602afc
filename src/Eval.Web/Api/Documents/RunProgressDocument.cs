using System.Text.Json.Serialization;
using Eval.Data.Queries;

namespace Eval.Web.Api.Documents;

/// <summary>One run of a model: its scenario, status, instances done of total, queue position (queued) and ETA (running).</summary>
public sealed record RunProgressDocument(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("convention")] string Convention,
    [property: JsonPropertyName("sample")] int? Sample,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("done")] int Done,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("queue_position")] int? QueuePosition,
    [property: JsonPropertyName("eta_seconds")] double? EtaSeconds,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("started_at")] DateTime? StartedAt,
    [property: JsonPropertyName("finished_at")] DateTime? FinishedAt,
    [property: JsonPropertyName("url")] string Url)
{
    public static RunProgressDocument From(RunStatusView view)
    {
        var r = view.Run;
        return new RunProgressDocument(r.Id, r.ScenarioId, r.Convention, r.SamplePerSubset, r.Status, r.Done, r.Total, view.QueuePosition,
            view.Eta?.TotalSeconds, r.Error, r.StartedAt, r.FinishedAt, $"/api/runs/{r.Id}");
    }
}
