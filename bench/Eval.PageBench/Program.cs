using System.Diagnostics;
using System.Globalization;
using Eval.Core.Scenarios;
using Eval.Data;
using Eval.PageBench;
using Eval.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

// Page speed: leaderboard and run pages (server-rendered HTML, timed over loopback) and the responses.jsonl export,
// with 100 models x 20 runs and a 67,000-instance run in a fresh SQLite database. Targets: p95 < 100 ms, > 50,000 lines/s.
var requests = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 50;
var data = Path.Combine(Path.GetTempPath(), "eval-pagebench-" + Guid.NewGuid().ToString("N")[..8]);
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Eval:DataDirectory"] = data,
    ["Eval:Worker:InProcess"] = "false",
    ["Eval:FirstStart:RegisterReferenceModels"] = "false",
    ["Eval:FirstStart:EvaluateReferenceModels"] = "false",
    ["Logging:LogLevel:Default"] = "Warning",
});
builder.AddEvalWeb();
var app = builder.Build();
app.MapEvalWeb();
await app.StartAsync();
try
{
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    var seeder = new PageBenchSeeder(app.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>(), app.Services.GetRequiredService<ScenarioCatalog>());
    var bigRun = await seeder.SeedAsync(100, 20, 67_000, Console.Out);
    using var client = new HttpClient { BaseAddress = new Uri(address) };

    async Task<(double P50, double P95)> TimeAsync(string path)
    {
        for (var i = 0; i < 3; i++)
            (await client.GetAsync(path)).EnsureSuccessStatusCode();
        var times = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var clock = Stopwatch.StartNew();
            var response = await client.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[(int)(0.5 * (times.Count - 1))], times[(int)Math.Ceiling(0.95 * (times.Count - 1))]);
    }

    string F(double x) => x.ToString("0.0", CultureInfo.InvariantCulture);
    // The hallucination tab: a group of several scenarios in its default view (each scenario's main metric).
    var pages = new[] { "/leaderboard/blimp", "/api/leaderboard/blimp", $"/runs/{bigRun}", $"/models/1", "/leaderboard/summary", "/leaderboard/hallucination" };
    var worstP95 = 0.0;
    foreach (var page in pages)
    {
        var (p50, p95) = await TimeAsync(page);
        worstP95 = Math.Max(worstP95, p95);
        Console.WriteLine($"{page}: p50 {F(p50)} ms, p95 {F(p95)} ms over {requests} requests");
    }

    var export = Stopwatch.StartNew();
    await using var stream = await client.GetStreamAsync($"/api/runs/{bigRun}/responses.jsonl");
    using var reader = new StreamReader(stream);
    var lines = 0;
    while (await reader.ReadLineAsync() is not null)
        lines++;
    var rate = lines / export.Elapsed.TotalSeconds;
    Console.WriteLine($"responses.jsonl: {lines} lines in {F(export.Elapsed.TotalSeconds)} s");
    Console.WriteLine($"pages: worst_p95_ms={F(worstP95)} (target < 100) export_lines_per_s={rate.ToString("0", CultureInfo.InvariantCulture)} (target > 50000)");
}
finally
{
    await app.StopAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try { Directory.Delete(data, true); } catch (IOException) { }
}
