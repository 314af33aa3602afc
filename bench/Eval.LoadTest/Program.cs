using System.Diagnostics;
using System.Globalization;
using Eval.Data;
using Eval.Data.Entities;
using Eval.LoadTest;
using Eval.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Load while evaluations run: the real web host on loopback (SQLite with its in-process worker, or PostgreSQL with a
// standalone worker process), the reference models' quick suite running, and N clients browsing the leaderboard and
// run pages for S seconds. Prints requests/s, p50/p95/p99 latency and errors. Targets: 0 errors, p95 < 300 ms.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var data = Path.Combine(Path.GetTempPath(), "eval-loadtest-" + Guid.NewGuid().ToString("N")[..8]);
var database = "eval_loadtest_" + Guid.NewGuid().ToString("N")[..8];
var settings = new Dictionary<string, string?>
{
    ["Eval:DataDirectory"] = data,
    ["Eval:Inference:Device"] = "cpu",
    ["Logging:LogLevel:Default"] = "Warning",
};
if (options.Provider == "postgres")
{
    var connection = new NpgsqlConnectionStringBuilder(options.Postgres) { Database = database }.ConnectionString;
    settings["Eval:Database:Provider"] = "Postgres";
    settings["Eval:Database:ConnectionString"] = connection;
    settings["Eval:Hangfire:Storage"] = "Postgres";
    settings["Eval:Worker:InProcess"] = "false";
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--urls", "http://127.0.0.1:0"], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddInMemoryCollection(settings);
builder.AddEvalWeb();
var app = builder.Build();
app.MapEvalWeb();
await app.StartAsync();
Process? worker = null;
var finishing = false;
try
{
    if (options.Provider == "postgres")
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(WorkerBuild.Path());
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__")] = value;
        worker = Process.Start(start)!;
        // Its log is shown only if it stops early.
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        worker.OutputDataReceived += (_, e) => { if (e.Data is { } line) log.Enqueue(line); };
        worker.ErrorDataReceived += (_, e) => { if (e.Data is { } line) log.Enqueue(line); };
        worker.Exited += (_, _) =>
        {
            if (!finishing)
                Console.Error.WriteLine("the worker stopped:\n" + string.Join('\n', log));
        };
        worker.EnableRaisingEvents = true;
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
    }
    var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    var dbFactory = app.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();

    // Browse once a run has finished, so leaderboard cells and run pages have content, while the rest still run.
    var waiting = Stopwatch.StartNew();
    while (await CountAsync(RunStatus.Finished) == 0)
    {
        if (waiting.Elapsed > TimeSpan.FromMinutes(5))
            throw new TimeoutException("no evaluation finished within 5 minutes");
        await Task.Delay(500);
    }
    var runIds = await ReadAsync(db => db.Runs.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
    var pages = new List<string> { "/leaderboard/blimp", "/leaderboard/summary", "/api/leaderboard/blimp" };
    pages.AddRange(runIds.Select(id => $"/runs/{id}"));
    var doneBefore = await ReadAsync(db => db.Runs.SumAsync(r => r.Done));
    var finishedBefore = await CountAsync(RunStatus.Finished);

    var recorder = new LatencyRecorder();
    using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(client => Task.Run(async () =>
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        for (var i = client; !stop.IsCancellationRequested; i++)
        {
            var watch = Stopwatch.StartNew();
            try
            {
                var page = pages[i % pages.Count];
                using var response = await http.GetAsync(page, CancellationToken.None);
                await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                if (response.IsSuccessStatusCode)
                    recorder.Success(KindOf(page), watch.Elapsed.TotalMilliseconds);
                else
                    recorder.Error(KindOf(page), watch.Elapsed.TotalMilliseconds);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                recorder.Error(KindOf(pages[i % pages.Count]), watch.Elapsed.TotalMilliseconds);
            }
        }
    })));
    var elapsed = clock.Elapsed.TotalSeconds;
    var scored = await ReadAsync(db => db.Runs.SumAsync(r => r.Done)) - doneBefore;
    var running = await CountAsync(RunStatus.Running) + await CountAsync(RunStatus.Queued);

    string F(double x) => x.ToString("0.0", CultureInfo.InvariantCulture);
    Console.WriteLine($"while browsing: {scored} instances scored, {await CountAsync(RunStatus.Finished) - finishedBefore} runs finished, {running} still queued or running; {pages.Count} pages ({runIds.Count} run pages)");
    // Per page kind first, so a slow page shows itself; the contract line stays last.
    foreach (var kind in recorder.Kinds)
        Console.WriteLine($"  {kind}: requests={recorder.Count(kind)} p50_ms={F(recorder.Percentile(0.50, kind))} p95_ms={F(recorder.Percentile(0.95, kind))}");
    Console.WriteLine($"load {options.Provider}: clients={options.Clients} seconds={F(elapsed)} requests={recorder.Requests} " +
        $"requests_per_s={F(recorder.Requests / elapsed)} p50_ms={F(recorder.Percentile(0.50))} p95_ms={F(recorder.Percentile(0.95))} " +
        $"p99_ms={F(recorder.Percentile(0.99))} errors={recorder.Errors} (target: 0 errors, p95 < 300 ms)");
    return recorder.Errors == 0 ? 0 : 1;

    async Task<T> ReadAsync<T>(Func<EvalDbContext, Task<T>> query)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await query(db);
    }

    // Run pages are one kind: which run is not the point, the page is.
    static string KindOf(string page) => page.StartsWith("/runs/", StringComparison.Ordinal) ? "/runs/{id}" : page;

    Task<int> CountAsync(string status) => ReadAsync(db => db.Runs.CountAsync(r => r.Status == status));
}
finally
{
    finishing = true;
    if (worker is { HasExited: false })
    {
        worker.Kill(entireProcessTree: true);
        await worker.WaitForExitAsync();
    }
    await app.StopAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    NpgsqlConnection.ClearAllPools();
    if (options.Provider == "postgres")
    {
        await using var admin = new NpgsqlConnection(options.Postgres);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
    try { Directory.Delete(data, true); } catch (IOException) { }
}
