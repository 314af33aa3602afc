using System.Text.Json;
using Eval.Data.Queries;
using Eval.Inference.Onnx.Validation;
using Eval.Jobs;
using Eval.Jobs.Uploads;
using Eval.Web.Api.Documents;
using Eval.Web.Auth;
using Microsoft.AspNetCore.Http.Features;

namespace Eval.Web.Api;

/// <summary>
/// The models API: upload (POST /api/models), list and status (GET, public), evaluate, cancel, retry (any key),
/// delete (admin key). Refusals are problem details with a stable code (<see cref="ProblemCodes"/>).
/// </summary>
public static class ModelApi
{
    public const string UploadRateLimit = "uploads";

    public static void MapModelApi(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/models").WithTags("Models");
        models.MapPost("", UploadAsync)
            .RequireAuthorization(AuthPolicies.Writer)
            .RequireRateLimiting(UploadRateLimit)
            .WithSummary("Upload a model (multipart: model + tokenizer files, or package = a zip)")
            .WithDescription("Fields: name, description, suite (quick|full), groups (comma-separated scenario groups), kind (auto|causal|masked), " +
                             "queue (cpu|cuda), family (the training run) with one of checkpoint_tokens, checkpoint_words, checkpoint_step, " +
                             "model (model.onnx), tokenizer (tokenizer.json), config, tokenizer_config, model_data (model.onnx.data), " +
                             "external_data (repeatable: files the graph names), or package (a zip of a Hugging Face, Optimum or transformers.js export) " +
                             "with optional graph (which graph of the zip). 202 for new content, 200 with duplicate=true for content already stored.")
            .Produces<UploadAnswer>(StatusCodes.Status202Accepted)
            .Produces<UploadAnswer>(StatusCodes.Status200OK)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(413).ProducesProblem(415).ProducesProblem(422).ProducesProblem(429)
            .AddOpenApiOperationTransformer(OpenApiDocumentation.DescribeUploadAsync);

        models.MapGet("", async (ModelQuery query, CancellationToken ct) =>
                Results.Json((await query.ListAsync(ct)).Select(ModelSummary.From).ToList()))
            .WithSummary("Every model with its status").Produces<List<ModelSummary>>();

        models.MapGet("/{id:long}", async (long id, ModelStatusQuery query, CancellationToken ct) =>
                await query.GetAsync(id, ct) is { } view ? Results.Json(ModelDocument.From(view)) : ApiProblems.NotFound($"no model with id {id}"))
            .WithSummary("A model's status, error and runs (progress, queue position, ETA)")
            .Produces<ModelDocument>().ProducesProblem(404);

        models.MapPost("/{id:long}/evaluate", EvaluateAsync)
            .RequireAuthorization(AuthPolicies.Writer)
            .WithSummary("Queue the model's suite; failed or cancelled runs are queued again (retry) and resume from their stored responses")
            .Accepts<EvaluateRequest>(isOptional: true, "application/json")
            .Produces<ActionAnswer>(StatusCodes.Status202Accepted).ProducesProblem(400).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409);

        models.MapPost("/{id:long}/cancel", async (long id, RunControl control, ModelStatusQuery query, CancellationToken ct) =>
                await Answer(await control.CancelModelAsync(id, ct), id, query, StatusCodes.Status200OK, ct))
            .RequireAuthorization(AuthPolicies.Writer)
            .WithSummary("Cancel the model's queued and running runs (or its pending validation)")
            .Produces<ActionAnswer>().ProducesProblem(401).ProducesProblem(404).ProducesProblem(409);

        models.MapDelete("/{id:long}", async (long id, RunControl control, CancellationToken ct) =>
                await control.DeleteModelAsync(id, ct) is { Outcome: ControlOutcome.Done } ? Results.NoContent() : ApiProblems.NotFound($"no model with id {id}"))
            .RequireAuthorization(AuthPolicies.Admin)
            .WithSummary("Delete a model, its runs, responses and uploaded files (admin key)")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);

        var runs = app.MapGroup("/api/runs").WithTags("Runs");
        runs.MapPost("/{id:long}/cancel", async (long id, RunControl control, ModelStatusQuery query, RunQuery runQuery, CancellationToken ct) =>
                await AnswerForRunAsync(await control.CancelRunAsync(id, ct), id, runQuery, query, StatusCodes.Status200OK, ct))
            .RequireAuthorization(AuthPolicies.Writer)
            .WithSummary("Cancel a queued or running run; its job stops within about a second, keeping what it stored")
            .Produces<ActionAnswer>().ProducesProblem(401).ProducesProblem(404).ProducesProblem(409);

        runs.MapPost("/{id:long}/retry", async (long id, RunControl control, ModelStatusQuery query, RunQuery runQuery, CancellationToken ct) =>
                await AnswerForRunAsync(await control.RetryRunAsync(id, ct), id, runQuery, query, StatusCodes.Status202Accepted, ct))
            .RequireAuthorization(AuthPolicies.Writer)
            .WithSummary("Queue a failed or cancelled run again; it resumes from its stored responses")
            .Produces<ActionAnswer>(StatusCodes.Status202Accepted).ProducesProblem(401).ProducesProblem(404).ProducesProblem(409);
    }

    private static async Task<IResult> UploadAsync(HttpContext http, ModelUploadService uploads, CancellationToken ct)
    {
        if (!UploadForm.IsMultipart(http.Request, out var boundary))
            return ApiProblems.Problem(415, "Unsupported media type",
                "send multipart/form-data: the files as model, tokenizer, ... or one zip as package", ProblemCodes.UnsupportedMediaType);
        // The limits are per file, enforced while streaming (Eval:Upload), not on the whole body.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = null;

        using var staging = uploads.CreateStaging();
        try
        {
            var fields = await UploadForm.ReadAsync(http.Request, boundary, staging, ct);
            var request = new ModelUploadRequest(
                fields.GetValueOrDefault("name"), fields.GetValueOrDefault("description"), fields.GetValueOrDefault("suite"),
                fields.GetValueOrDefault("groups")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                fields.GetValueOrDefault("kind"), fields.GetValueOrDefault("queue"), http.User.Identity?.Name ?? "api", fields.GetValueOrDefault("graph"),
                fields.GetValueOrDefault("family"),
                Eval.Jobs.Families.CheckpointRules.Fields.Keys.ToDictionary(f => f, f => fields.GetValueOrDefault(f)));
            var outcome = await uploads.AcceptAsync(staging, request, ct);
            var model = outcome.Model;
            return outcome.Duplicate
                ? Results.Json(new UploadAnswer(model.Id, model.Sha256, model.Status, model.IdentitySha256 ?? model.Sha256, true))
                : Results.Json(new UploadAnswer(model.Id, model.Sha256, Data.Entities.ModelStatus.Queued, model.IdentitySha256 ?? model.Sha256, null), statusCode: StatusCodes.Status202Accepted);
        }
        catch (ModelValidationException e)
        {
            // Bounded: past it Kestrel closes the connection instead of reading on.
            await UploadForm.DrainAsync(http.Request, Math.Min(uploads.Limits.MaxFileBytes, 64L * 1024 * 1024));
            return ApiProblems.From(e);
        }
    }

    private static async Task<IResult> EvaluateAsync(long id, HttpRequest request, RunControl control, ModelStatusQuery query, CancellationToken ct)
    {
        string? suite = null;
        List<string>? groups = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                using var doc = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    return ApiProblems.From(new ModelValidationException(ValidationCodes.FieldInvalid, "the body must be a JSON object"));
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    // JSON parsers disagree on which of two equal keys wins: refuse the ambiguity.
                    if (!seen.Add(property.Name))
                        return ApiProblems.From(new ModelValidationException(ValidationCodes.FieldInvalid, $"field '{EchoedText.Clip(property.Name)}' appears twice"));
                    switch (property.Name)
                    {
                        case "suite" when property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                            suite = property.Value.GetString();
                            break;
                        case "groups" when property.Value.ValueKind == JsonValueKind.Array && property.Value.EnumerateArray().All(g => g.ValueKind == JsonValueKind.String):
                            groups = property.Value.EnumerateArray().Select(g => g.GetString()!).ToList();
                            break;
                        case "suite" or "groups":
                            return ApiProblems.From(new ModelValidationException(ValidationCodes.FieldInvalid, $"'{property.Name}' has the wrong type"));
                        default:
                            return ApiProblems.From(new ModelValidationException(ValidationCodes.UnknownField, $"unknown field '{EchoedText.Clip(property.Name)}' (fields: suite, groups)"));
                    }
                }
            }
            catch (JsonException e)
            {
                return ApiProblems.From(new ModelValidationException(ValidationCodes.FieldInvalid, $"the body is not JSON: {e.Message}"));
            }
        }
        return await Answer(await control.EvaluateAsync(id, suite, groups, ct), id, query, StatusCodes.Status202Accepted, ct);
    }

    private static async Task<IResult> Answer(ControlResult result, long modelId, ModelStatusQuery query, int status, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case ControlOutcome.NotFound:
                return ApiProblems.NotFound(result.Message);
            case ControlOutcome.Conflict:
                return ApiProblems.Conflict(result.Message);
            case ControlOutcome.Invalid:
                return ApiProblems.From(new ModelValidationException(ValidationCodes.FieldInvalid, result.Message));
        }
        var view = await query.GetAsync(modelId, ct);
        var runIds = result.Runs?.Select(r => r.Id).ToHashSet();
        var runs = view?.Runs.Where(r => runIds is null || runIds.Contains(r.Run.Id)).Select(RunProgressDocument.From).ToList() ?? [];
        return Results.Json(new ActionAnswer(result.Message, view?.Model.Status, runs), statusCode: status);
    }

    private static async Task<IResult> AnswerForRunAsync(ControlResult result, long runId, RunQuery runs, ModelStatusQuery query, int status, CancellationToken ct)
    {
        if (result.Outcome != ControlOutcome.Done)
            return await Answer(result, 0, query, status, ct);
        var detail = await runs.GetAsync(runId, ct);
        var view = detail is null ? null : await query.GetAsync(detail.Model.Id, ct);
        var run = view?.Runs.Where(r => r.Run.Id == runId).Select(RunProgressDocument.From).ToList() ?? [];
        return Results.Json(new ActionAnswer(result.Message, run.FirstOrDefault()?.Status, run), statusCode: status);
    }
}
