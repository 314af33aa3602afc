using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.Jobs.Reproduce;
using Eval.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace Eval.Web.Api;

/// <summary>
/// POST /api/runs/{id}/reproduce (any key): queue a rerun of a finished run's exact spec, compared instance by instance
/// with its stored responses; GET /api/runs/{id}/reproductions: every reproduction of the run, newest first.
/// </summary>
public static class ReproduceApi
{
    public static void MapReproduceApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/runs").WithTags("Runs");
        runs.MapPost("/{id:long}/reproduce", async (long id, RunReproducer reproducer, CancellationToken ct) =>
            {
                var (result, reproduction) = await reproducer.RequestAsync(id, ct);
                return result.Outcome switch
                {
                    ControlOutcome.NotFound => ApiProblems.NotFound(result.Message),
                    ControlOutcome.Conflict => ApiProblems.Conflict(result.Message),
                    _ => Results.Json(ToJson(reproduction!), statusCode: StatusCodes.Status202Accepted),
                };
            })
            .RequireAuthorization(AuthPolicies.Writer)
            .WithSummary("Rerun a finished run's exact spec and compare each instance with the stored responses")
            .ProducesProblem(401).ProducesProblem(404).ProducesProblem(409);

        runs.MapGet("/{id:long}/reproductions", async (long id, IDbContextFactory<EvalDbContext> dbFactory, CancellationToken ct) =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                if (!await db.Runs.AnyAsync(r => r.Id == id, ct))
                    return ApiProblems.NotFound($"no run with id {id}");
                var list = await db.Reproductions.AsNoTracking().Where(r => r.RunId == id).OrderByDescending(r => r.Id).ToListAsync(ct);
                return Results.Json(list.Select(ToJson));
            })
            .WithSummary("Every reproduction of a run: status, hardware, instances compared and differing, metric difference with its interval")
            .ProducesProblem(404);
    }

    public static object ToJson(ReproductionEntity r) => new
    {
        id = r.Id, run_id = r.RunId, status = r.Status, created_at = r.CreatedAt, finished_at = r.FinishedAt, hardware = r.Hardware,
        identical = r.Status == RunStatus.Finished ? r.InstancesDiffering == 0 : (bool?)null,
        instances_compared = r.InstancesCompared, instances_differing = r.InstancesDiffering,
        differing = r.Differing?.Split(',') ?? [], max_log_prob_difference = r.MaxLogProbDifference, tolerance = r.Tolerance,
        metric = r.Metric, stored_value = r.StoredValue, new_value = r.NewValue, difference = r.Difference,
        difference_ci_low = r.DifferenceLow, difference_ci_high = r.DifferenceHigh, error = r.Error,
    };
}
