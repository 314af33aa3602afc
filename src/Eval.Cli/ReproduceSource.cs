namespace Eval.Cli;

/// <summary>
/// Where `--reproduce` reads a run from: a run.json with its responses.jsonl on disk, or a server's run address
/// (http://host/api/runs/12), whose run.json and responses.jsonl are downloaded into a temporary folder first.
/// </summary>
public static class ReproduceSource
{
    public static bool IsUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    /// <returns>The local run.json and responses.jsonl paths (downloaded when the run is an address).</returns>
    public static async Task<(string Run, string Responses)> LocalAsync(string run, string? responses, string folder, CancellationToken cancellationToken)
    {
        if (!IsUrl(run))
            return (run, responses!);
        var address = run.TrimEnd('/');
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var runPath = Path.Combine(folder, "run.json");
        var responsesPath = responses ?? Path.Combine(folder, "responses.jsonl");
        await DownloadAsync(http, address, runPath, cancellationToken);
        if (responses is null)
            await DownloadAsync(http, address + "/responses.jsonl", responsesPath, cancellationToken);
        return (runPath, responsesPath);
    }

    private static async Task DownloadAsync(HttpClient http, string url, string path, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new UsageException($"cannot read {url}: {e.Message}");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new UsageException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            await using var file = File.Create(path);
            await response.Content.CopyToAsync(file, cancellationToken);
        }
    }
}
