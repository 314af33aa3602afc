using System.IO.Compression;
using System.Text.Json;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Data.Exports;
using Eval.Data.Queries;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Api;

/// <summary>
/// Zips streamed straight to the response: a model's runs (GET /api/models/{id}/runs.zip) and a leaderboard group's
/// runs (GET /api/leaderboard/{group}/runs.zip), each run as run_&lt;id&gt;/run.json + responses.jsonl.
/// </summary>
public static class ArchiveApi
{
    public static void MapArchiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/models/{id:long}/runs.zip", async (long id, HttpContext http, IDbContextFactory<EvalDbContext> dbFactory, RunQuery runs,
            ResponseRowReader reader, CancellationToken ct) =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
            if (model is null)
                return ApiProblems.NotFound($"no model with id {id}");
            var runIds = await db.Runs.Where(r => r.ModelId == id && r.Status == RunStatus.Finished).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
            return Zip(http, $"model_{id}_{model.Name}.zip", runIds, runs, reader, ct);
        });

        app.MapGet("/api/leaderboard/{group}/runs.zip", async (string group, HttpContext http, LeaderboardQuery leaderboard, RunQuery runs,
            ResponseRowReader reader, CancellationToken ct) =>
        {
            if (await leaderboard.GetAsync(group, ct) is not { } table)
                return ApiProblems.NotFound($"no leaderboard group '{group}'");
            var runIds = table.Rows.SelectMany(r => r.Values.Values).Select(c => c.RunId).OfType<long>().Distinct().Order().ToList();
            return Zip(http, $"leaderboard_{group}_runs.zip", runIds, runs, reader, ct);
        });
    }

    private static IResult Zip(HttpContext http, string fileName, IReadOnlyList<long> runIds, RunQuery runs, ResponseRowReader reader, CancellationToken ct) =>
        Results.Stream(async body =>
        {
            // ZipArchive finishes entries and the central directory with synchronous writes.
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>() is { } control)
                control.AllowSynchronousIO = true;
            // ZipArchive writes to a non-seekable stream in Create mode; entries go out as they are written.
            await using var zip = new ZipArchive(body, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var runId in runIds)
            {
                if (await runs.GetAsync(runId, ct) is not { } detail)
                    continue;
                await using (var entry = await zip.CreateEntry($"run_{runId}/run.json", CompressionLevel.Fastest).OpenAsync(ct))
                    await JsonSerializer.SerializeAsync(entry, RunDocument.Build(detail), cancellationToken: ct);
                await using (var entry = await zip.CreateEntry($"run_{runId}/responses.jsonl", CompressionLevel.Fastest).OpenAsync(ct))
                    await ResponseJsonlWriter.WriteAsync(reader.ReadAsync(runId, ct), entry, ct);
            }
        }, "application/zip", fileName);
}
