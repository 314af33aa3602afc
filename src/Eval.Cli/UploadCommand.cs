using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Eval.Cli;

/// <summary>
/// `upload`: sends a model folder to a server's POST /api/models (multipart, files streamed from disk), prints the
/// answer on stdout, and with --wait follows GET /api/models/{id} until the model's runs end, progress on stderr.
/// </summary>
public static class UploadCommand
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>How often --wait asks for the model's status.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(UploadArguments args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var files = UploadFiles.From(args.Model, args.Graph);
        // Large models take as long as they take to send; Ctrl+C cancels.
        using var http = new HttpClient { BaseAddress = args.Server, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add(ApiKeyHeader, args.ApiKey);

        JsonElement answer;
        using (var form = Form(args, files))
            answer = await SendAsync(http, args, () => http.PostAsync("api/models", form, cancellationToken), cancellationToken);
        var id = answer.GetProperty("id").GetInt64();
        var duplicate = answer.TryGetProperty("duplicate", out var d) && d.ValueKind == JsonValueKind.True;
        stdout.WriteLine($"model {id.ToString(CultureInfo.InvariantCulture)}: status={answer.GetProperty("status").GetString()} " +
                         $"duplicate={(duplicate ? "true" : "false")} identity_sha256={answer.GetProperty("identity_sha256").GetString()} " +
                         $"sha256={answer.GetProperty("sha256").GetString()} page={new Uri(args.Server, $"models/{id.ToString(CultureInfo.InvariantCulture)}")}");
        if (!args.Wait)
            return CliApp.Ok;
        var last = await WaitAsync(http, args, id, stderr, cancellationToken);
        return Outcome(last, args.Server, stdout, stderr);
    }

    private static MultipartFormDataContent Form(UploadArguments args, UploadFiles files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, value) in args.Fields)
            form.Add(new StringContent(value), field);
        foreach (var (field, path, name) in files.Parts)
        {
            var part = new StreamContent(File.OpenRead(path), 1 << 16);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, field, name);
        }
        return form;
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, UploadArguments args, Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException e)
        {
            throw new ServerFailureException($"cannot reach {args.Server}: {e.Message}");
        }
        using (response)
            return await ServerAnswer.ReadAsync(response, cancellationToken);
    }

    private static async Task<ModelProgress> WaitAsync(HttpClient http, UploadArguments args, long id, TextWriter stderr, CancellationToken cancellationToken)
    {
        var printer = new WaitPrinter(stderr);
        using var timer = new PeriodicTimer(PollInterval);
        while (true)
        {
            DateTimeOffset? serverNow = null;
            var model = await SendAsync(http, args, async () =>
            {
                var response = await http.GetAsync($"api/models/{id.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
                serverNow = response.Headers.Date;
                return response;
            }, cancellationToken);
            var progress = ServerAnswer.Progress(model, serverNow);
            printer.Report(progress);
            if (progress.IsFinal)
            {
                printer.Finish();
                return progress;
            }
            await timer.WaitForNextTickAsync(cancellationToken);
        }
    }

    /// <summary>Each run on stdout; exit 0 when every run finished, 2 when the package was rejected, 1 when a run failed or was cancelled.</summary>
    private static int Outcome(ModelProgress last, Uri server, TextWriter stdout, TextWriter stderr)
    {
        foreach (var run in last.Runs)
            stdout.WriteLine($"run {run.Id.ToString(CultureInfo.InvariantCulture)} {run.Scenario}: {run.Status} " +
                             $"{run.Done.ToString(CultureInfo.InvariantCulture)}/{run.Total.ToString(CultureInfo.InvariantCulture)} " +
                             $"{new Uri(server, $"runs/{run.Id.ToString(CultureInfo.InvariantCulture)}")}");
        stdout.WriteLine(last.ToString());
        switch (last.Status)
        {
            case "finished":
                return CliApp.Ok;
            case "rejected":
                stderr.WriteLine(ServerAnswer.OneLine($"error: model {last.ModelId.ToString(CultureInfo.InvariantCulture)} rejected: {last.ErrorCode}: {last.Error}"));
                return CliApp.BadUsage;
            default:
                var failed = last.Runs.FirstOrDefault(r => r.Status == last.Status);
                stderr.WriteLine(ServerAnswer.OneLine($"error: model {last.ModelId.ToString(CultureInfo.InvariantCulture)} {last.Status}" +
                                 (failed is null ? "" : $": run {failed.Id.ToString(CultureInfo.InvariantCulture)} ({failed.Scenario}) {failed.Status}{(failed.Error is { } e ? ": " + e : "")}")));
                return CliApp.Failure;
        }
    }
}
