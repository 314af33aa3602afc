using System.Diagnostics;
using System.Globalization;
using Eval.Core.Paths;
using Eval.Data;
using Eval.Data.Entities;
using Eval.Jobs;
using Eval.Jobs.Timings;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Eval.Bench;

/// <summary>
/// The first-start suite (bench/README.md): the platform's own composition (AddEvalPlatform: FirstStartService, the
/// in-process Hangfire worker) on a fresh database in a temp folder with the shipped appsettings.json, run until every
/// queued run has ended. Prints each run's wall and CPU time split into model load, storing and scoring, the same per
/// scenario, the order runs started in, and last the
/// <c>suite seconds: eval=&lt;s&gt; blimp_column=&lt;s&gt; runs=&lt;n&gt; cache_hit_rate=&lt;h&gt; target=300</c> line.
/// There is no peer: no other tool runs this platform's suite.
/// </summary>
public static class SuiteBenchmark
{
    public const double TargetSeconds = 300;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static async Task<int> RunAsync(SuiteArguments args, TextWriter stdout, TextWriter stderr)
    {
        var root = RepositoryPaths.FindRepositoryRoot() ?? RepositoryPaths.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("run the suite benchmark from the checkout (it reads appsettings.json, scenarios/ and models/reference/)");
        var data = args.DataDirectory ?? Path.Combine(Path.GetTempPath(), "eval-suite-" + Guid.NewGuid().ToString("N")[..8]);
        var filter = new RunWindowFilter();
        GlobalJobFilters.Filters.Add(filter);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = root });
        var settings = new Dictionary<string, string?>(args.Settings, StringComparer.OrdinalIgnoreCase)
        {
            ["Eval:DataDirectory"] = Path.GetFullPath(data),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (args.Models.Count > 0)
            settings["Eval:ReferenceModelsDirectory"] = ModelSubset(root, data, args.Models);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddEvalPlatform(builder.Configuration, root);
        using var host = builder.Build();
        host.Services.GetRequiredService<RunTimings>().Enabled = true;
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<EvalDbContext>>();

        var loadAtStart = LoadAverage.Text();
        await stdout.WriteLineAsync($"suite: fresh database in {data}; settings over appsettings.json: " +
            (args.Settings.Count == 0 ? "none" : string.Join(", ", args.Settings.Select(s => $"{s.Key}={s.Value}"))) +
            $"; load average {loadAtStart}");
        var clock = Stopwatch.StartNew();
        var cpuAtStart = CpuTime();
        double? blimpColumn = null;
        string? loadAtBlimp = null;
        try
        {
            await host.StartAsync();
            var queuedAfter = clock.Elapsed.TotalSeconds;
            List<RunRow> runs;
            var reported = new HashSet<long>();
            while (true)
            {
                runs = await ReadRunsAsync(dbFactory);
                // Each run as it ends, so a long or interrupted suite still shows where its time went.
                foreach (var run in runs)
                    if (filter.Windows.GetValueOrDefault(run.Id) is { EndCpu: not null } window && reported.Add(run.Id))
                        await stdout.WriteLineAsync($"[{F(clock.Elapsed.TotalSeconds)} s, load {LoadAverage.Text()}] run {run.Id} {run.ScenarioId} " +
                            $"{run.Model}: {run.Status} wall={F(window.WallSeconds)} cpu={F(window.CpuSeconds)}");
                var blimp = runs.Where(r => r.ScenarioId == "blimp").ToList();
                if (blimpColumn is null && blimp.Count > 0 && blimp.All(r => r.Status == RunStatus.Finished))
                {
                    blimpColumn = clock.Elapsed.TotalSeconds;
                    loadAtBlimp = LoadAverage.Text();
                }
                if (runs.Count > 0 && runs.All(r => r.Status is RunStatus.Finished or RunStatus.Failed or RunStatus.Cancelled))
                    break;
                if (clock.Elapsed > args.Timeout)
                {
                    await stderr.WriteLineAsync($"the suite did not end within {args.Timeout.TotalMinutes} minutes " +
                        $"({runs.Count(r => r.Status == RunStatus.Finished)} of {runs.Count} runs finished)");
                    return 1;
                }
                await Task.Delay(Poll);
            }
            var eval = clock.Elapsed.TotalSeconds;
            var cpu = (CpuTime() - cpuAtStart).TotalSeconds;
            var loadAtEnd = LoadAverage.Text();
            var timings = host.Services.GetRequiredService<RunTimings>();
            var report = SuiteReport.Build(runs, filter.Windows, timings.Openings, timings.Storings);

            await stdout.WriteLineAsync($"host started and {runs.Count} runs queued after {F(queuedAfter)} s");
            report.Write(stdout);
            var failed = runs.Where(r => r.Status != RunStatus.Finished).ToList();
            foreach (var run in failed)
                await stderr.WriteLineAsync($"run {run.Id} ({run.Model} on {run.ScenarioId}) {run.Status}: {run.Error}");
            await stdout.WriteLineAsync($"load average: {loadAtStart} at the start, {loadAtBlimp ?? "n/a"} at the BLiMP column, {loadAtEnd} at the end; " +
                $"process CPU {F(cpu)} s in {F(eval)} s ({F(cpu / eval)} cores busy on average)");
            await stdout.WriteLineAsync($"suite seconds: eval={F(eval)} blimp_column={(blimpColumn is { } b ? F(b) : "n/a")} runs={runs.Count} " +
                $"cache_hit_rate={report.CacheHitRate.ToString("0.000", CultureInfo.InvariantCulture)} target={TargetSeconds:0}");
            return failed.Count == 0 ? 0 : 1;
        }
        finally
        {
            await host.StopAsync();
            GlobalJobFilters.Filters.Remove(filter);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!args.Keep)
                try { Directory.Delete(data, true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// A folder of links to some reference models, for a smaller suite (an experiment; the figure to report runs them
    /// all). It lives in the data folder, so it goes with it.
    /// </summary>
    private static string ModelSubset(string root, string data, IReadOnlyList<string> names)
    {
        var folder = Path.Combine(Path.GetFullPath(data), "reference-models");
        Directory.CreateDirectory(folder);
        foreach (var name in names)
        {
            var source = Path.Combine(root, "models", "reference", name);
            if (!Directory.Exists(source))
                throw new InvalidOperationException($"--models: no reference model '{name}' in models/reference");
            Directory.CreateSymbolicLink(Path.Combine(folder, name), source);
        }
        return folder;
    }

    private static async Task<List<RunRow>> ReadRunsAsync(IDbContextFactory<EvalDbContext> dbFactory)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Runs.AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new RunRow(r.Id, r.Model!.Name, r.Model.Directory, r.ScenarioId, r.Status, r.Total, r.CacheHits, r.CacheMisses, r.Error))
            .ToListAsync();
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string F(double x) => x.ToString("0.0", CultureInfo.InvariantCulture);
}
