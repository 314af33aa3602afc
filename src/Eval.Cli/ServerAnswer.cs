using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Eval.Cli;

/// <summary>
/// Reads the server's answers for `upload`: a problem-details refusal becomes one line ("409 checkpoint_duplicate:
/// ..."), exit 2 for a 4xx (the request was refused, nothing stored) and 1 otherwise; GET /api/models/{id} becomes a
/// <see cref="ModelProgress"/>.
/// </summary>
public static class ServerAnswer
{
    /// <exception cref="UsageException">A 4xx answer: its status, code and detail.</exception>
    /// <exception cref="ServerFailureException">Any other answer that is not a success.</exception>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            try
            {
                return JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new ServerFailureException($"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode} with a body that is not JSON");
            }
        }
        var line = Problem(response.StatusCode, text);
        throw (int)response.StatusCode is >= 400 and < 500 ? new UsageException(line) : new ServerFailureException(line);
    }

    /// <summary>"<status> <code>: <detail>" from a problem-details body, on one line; the status and reason otherwise.</summary>
    public static string Problem(HttpStatusCode status, string body)
    {
        var head = ((int)status).ToString(CultureInfo.InvariantCulture);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            return OneLine($"{head} {code ?? status.ToString()}: {detail ?? "(no detail)"}");
        }
        catch (JsonException)
        {
            return OneLine($"{head} {status}: {(body.Length > 200 ? body[..200] + "…" : body)}");
        }
    }

    public static ModelProgress Progress(JsonElement model, DateTimeOffset? serverNow)
    {
        var runs = model.GetProperty("runs").EnumerateArray().Select(r => new ModelProgress.Run(
            r.GetProperty("id").GetInt64(), r.GetProperty("scenario").GetString() ?? "", r.GetProperty("status").GetString() ?? "",
            r.GetProperty("done").GetInt32(), r.GetProperty("total").GetInt32(),
            r.TryGetProperty("queue_position", out var q) && q.ValueKind == JsonValueKind.Number ? q.GetInt32() : null,
            r.TryGetProperty("started_at", out var s) && s.ValueKind == JsonValueKind.String ? Utc(s.GetString()!) : null,
            r.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null)).ToList();
        return new ModelProgress(model.GetProperty("id").GetInt64(), model.GetProperty("status").GetString() ?? "", runs, serverNow?.UtcDateTime,
            Text(model, "error"), Text(model, "error_code"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // The server stores UTC; a time written without an offset is UTC.
    private static DateTime Utc(string value) =>
        DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
