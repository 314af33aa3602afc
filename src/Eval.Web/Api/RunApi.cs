using Eval.Data.Exports;
using Eval.Data.Queries;

namespace Eval.Web.Api;

/// <summary>GET /api/runs/{id} (run.json), /api/runs/{id}/responses.jsonl and .csv, streamed in constant memory.</summary>
public static class RunApi
{
    public static void MapRunApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/runs/{id:long}", async (long id, bool? download, RunQuery runs, CancellationToken ct) =>
            await runs.GetAsync(id, ct) is { } detail
                ? download == true
                    ? Results.File(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(RunDocument.Build(detail)), "application/json", $"run_{id}.json")
                    : Results.Json(RunDocument.Build(detail))
                : ApiProblems.NotFound($"no run with id {id}"));

        app.MapGet("/api/runs/{id:long}/responses.jsonl", async (long id, HttpContext http, RunQuery runs, ResponseRowReader reader, CancellationToken ct) =>
        {
            if (await runs.GetAsync(id, ct) is null)
                return ApiProblems.NotFound($"no run with id {id}");
            return Results.Stream(body => ResponseJsonlWriter.WriteAsync(reader.ReadAsync(id, ct), body, ct),
                "application/x-ndjson; charset=utf-8", $"run_{id}_responses.jsonl");
        });

        app.MapGet("/api/runs/{id:long}/responses.csv", async (long id, RunQuery runs, ResponseRowReader reader, CancellationToken ct) =>
        {
            if (await runs.GetAsync(id, ct) is null)
                return ApiProblems.NotFound($"no run with id {id}");
            var metrics = await reader.MetricsAsync(id, ct);
            return Results.Stream(body => ResponseCsvWriter.WriteAsync(reader.ReadAsync(id, ct), metrics, body, ct),
                "text/csv; charset=utf-8", $"run_{id}_responses.csv");
        });
    }
}
