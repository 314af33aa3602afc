using System.Diagnostics;
using Eval.Data;
using Eval.Data.Entities;
using Eval.TestKit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace Eval.ScaleOut.Tests;

/// <summary>
/// The web host (no in-process worker) and two standalone worker processes on one PostgreSQL database: the first
/// start queues two reference models x BLiMP, TruthfulQA and CrowS-Pairs (a few instances per subset); every run is
/// executed exactly once, one worker is killed (SIGKILL) in the middle of a run and the other finishes it, and the
/// scores equal those of the same runs on SQLite with the web host's single in-process worker.
/// </summary>
public sealed class MultiWorkerTests(ITestOutputHelper log)
{
    private const int Sample = 10;
    private const int ChunkSize = 10;
    private static readonly string[] Models = ["gpt-nano-bpe4k", "gpt-mini-bpe8k"];
    private static readonly string[] Scenarios = ["blimp", "truthfulqa_mc", "crows_pairs"];

    [Fact]
    public async Task TwoWorkersOnPostgres_RunEachRunOnce_SurviveAKilledWorker_AndScoreAsOneWorkerOnSqlite()
    {
        using var postgres = new TestPostgres();
        using var models = ReferenceModelFolder();
        using var data = new TempDirectory();
        var clock = Stopwatch.StartNew();
        var shared = Configuration(models.Path, data.Path);
        shared["Eval__Database__Provider"] = "Postgres";
        shared["Eval__Database__ConnectionString"] = postgres.ConnectionString;
        shared["Eval__Hangfire__Storage"] = "Postgres";
        // A dead worker's job is free again after 10 s; live workers keep extending theirs.
        shared["Eval__Hangfire__InvisibilityTimeoutSeconds"] = "10";

        var sqlite = await RunOnSqliteAsync(models.Path);
        log.WriteLine($"{clock.Elapsed}: the SQLite single-worker runs finished");

        using var web = await ChildHost.StartWebAsync(new Dictionary<string, string>(shared) { ["Eval__Worker__InProcess"] = "false" });
        var queued = await Eventually.WaitForAsync(() => CountRunsAsync(postgres.ConnectionString), n => n == Models.Length * Scenarios.Length,
            TimeSpan.FromSeconds(60), "the first start queuing every run");
        Assert.Equal(Models.Length * Scenarios.Length, queued);
        // Both at once, so that neither has done all the work before the other is up.
        var starting = await Task.WhenAll(ChildHost.StartWorkerAsync(WorkerEnvironment(shared)), ChildHost.StartWorkerAsync(WorkerEnvironment(shared)));
        using var first = starting[0];
        using var second = starting[1];
        ChildHost[] workers = [first, second];
        log.WriteLine($"{clock.Elapsed}: web host and workers {first.ProcessId}, {second.ProcessId} started");

        // Kill the worker running a run with a chunk or more stored and much left to do.
        var (victimRun, victimPid) = await RunInFlightAsync(postgres.ConnectionString, workers, TimeSpan.FromSeconds(180));
        var victim = workers.Single(w => w.ProcessId == victimPid);
        var survivor = workers.Single(w => w.ProcessId != victimPid);
        victim.Kill();
        var doneAtKill = await DoneAsync(postgres.ConnectionString, victimRun);
        Assert.InRange(doneAtKill, ChunkSize, await TotalAsync(postgres.ConnectionString, victimRun) - ChunkSize);
        log.WriteLine($"{clock.Elapsed}: killed worker {victimPid} in run {victimRun} with {doneAtKill} instances stored");

        var statuses = await Eventually.WaitForAsync(() => StatusesAsync(postgres.ConnectionString),
            s => s.All(r => r is RunStatus.Finished or RunStatus.Failed or RunStatus.Cancelled), TimeSpan.FromSeconds(180), "every run ending");
        log.WriteLine($"{clock.Elapsed}: every run ended on PostgreSQL");
        Assert.All(statuses, s => Assert.Equal(RunStatus.Finished, s));
        // The Jobs page lists both workers from their heartbeats (a killed one stays listed, silent, for two minutes).
        using var browser = new HttpClient { BaseAddress = web.Address };
        var jobsPage = await Eventually.WaitForAsync(() => browser.GetStringAsync("/jobs"),
            page => workers.All(w => page.Contains($"data-worker=\"{Environment.MachineName}:{w.ProcessId}\"", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "both workers on the Jobs page");
        Assert.Contains("alive", jobsPage);

        Assert.Contains($"Run {victimRun} (", survivor.Output);
        Assert.Matches($"Run {victimRun} \\(.*\\): {await TotalAsync(postgres.ConnectionString, victimRun) - doneAtKill} of", survivor.Output);

        var distributed = await ReadRunsAsync(PostgresContext(postgres.ConnectionString));
        Assert.Equal(sqlite.Keys.Order(), distributed.Keys.Order());
        foreach (var (key, expected) in sqlite)
        {
            var actual = distributed[key];
            Assert.Equal(expected.Total, actual.Total);
            // Exactly once: one response row per request, as many as the single worker stored.
            Assert.Equal(expected.Responses, actual.Responses);
            Assert.Equal(expected.Instances, actual.Instances);
            Assert.Equal(expected.Stats.Keys.Order(), actual.Stats.Keys.Order());
            foreach (var (stat, (count, mean)) in expected.Stats)
            {
                Assert.Equal(count, actual.Stats[stat].Count);
                // Counts and accuracies are exact; log-prob means agree to the batching tolerance used everywhere (1e-4).
                Assert.True(Math.Abs(mean - actual.Stats[stat].Mean) < 1e-4, $"{key} {stat}: {mean} on SQLite, {actual.Stats[stat].Mean} on PostgreSQL");
            }
        }
        web.Kill();
        survivor.Kill();
    }

    private static Dictionary<string, string> Configuration(string models, string data)
    {
        var environment = new Dictionary<string, string>
        {
            ["Eval__DataDirectory"] = data,
            ["Eval__ReferenceModelsDirectory"] = models,
            ["Eval__Suites__Quick__MaxInstancesPerSubset"] = Sample.ToString(),
            ["Eval__Worker__ChunkSize"] = ChunkSize.ToString(),
            ["Eval__Inference__Device"] = "cpu",
        };
        // Each entry of appsettings.json's list (nine now) is replaced; a blank one is no scenario. 32 outlasts any list.
        for (var i = 0; i < 32; i++)
            environment[$"Eval__Suites__Quick__Scenarios__{i}"] = i < Scenarios.Length ? Scenarios[i] : " ";
        return environment;
    }

    private static Dictionary<string, string> WorkerEnvironment(Dictionary<string, string> shared) =>
        new(shared) { ["Eval__Worker__Queues__0"] = "cpu" };

    /// <summary>The same first start on SQLite with the web host's in-process worker: the scores to match.</summary>
    private async Task<Dictionary<string, StoredRun>> RunOnSqliteAsync(string models)
    {
        using var data = new TempDirectory();
        using (var host = await ChildHost.StartWebAsync(Configuration(models, data.Path)))
        {
            var file = Path.Combine(data.Path, "eval.db");
            await Eventually.WaitForAsync(() => StatusesAsync(SqliteContext(file)),
                s => s.Count == Models.Length * Scenarios.Length && s.All(r => r is RunStatus.Finished or RunStatus.Failed), TimeSpan.FromSeconds(180),
                "the SQLite runs ending");
            host.Kill();
            var runs = await ReadRunsAsync(SqliteContext(file));
            SqliteConnection.ClearAllPools();
            return runs;
        }
    }

    /// <summary>Models registered at first start: a folder holding only the two reference models of this test.</summary>
    private static TempDirectory ReferenceModelFolder()
    {
        var folder = new TempDirectory();
        foreach (var model in Models)
            Directory.CreateSymbolicLink(folder.File(model), Repo.ReferenceModel(model));
        return folder;
    }

    private sealed record StoredRun(int Total, int Responses, int Instances, Dictionary<string, (int Count, double Mean)> Stats);

    /// <summary>Every finished run by model and scenario, with its response count and stats.</summary>
    private static async Task<Dictionary<string, StoredRun>> ReadRunsAsync(EvalDbContext db)
    {
        await using (db)
        {
            var runs = await db.Runs.AsNoTracking().Include(r => r.Model).Include(r => r.Stats).ToListAsync();
            var result = new Dictionary<string, StoredRun>();
            foreach (var run in runs)
            {
                Assert.Equal(RunStatus.Finished, run.Status);
                var responses = await db.Responses.CountAsync(r => r.RunId == run.Id);
                var distinct = await db.Responses.Where(r => r.RunId == run.Id).Select(r => new { r.InstanceId, r.RequestIndex }).Distinct().CountAsync();
                Assert.Equal(distinct, responses);
                var instances = await db.InstanceStats.Where(s => s.RunId == run.Id).Select(s => s.InstanceId).Distinct().CountAsync();
                result[$"{run.Model!.Name}/{run.ScenarioId}"] = new StoredRun(run.Total, responses, instances,
                    run.Stats.ToDictionary(s => $"{s.Metric}/{s.Level}/{s.Key}", s => (s.Count, s.Mean)));
            }
            return result;
        }
    }

    /// <summary>
    /// A run with at least one chunk stored and ten chunks or more to go, and the worker executing it (its log names
    /// the run when it starts). Polled every 50 ms over one connection: on an idle machine a run lasts a second or two.
    /// </summary>
    private static async Task<(long RunId, int Pid)> RunInFlightAsync(string connectionString, ChildHost[] workers, TimeSpan timeout)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(
            "SELECT r.\"Id\" FROM runs r WHERE r.\"Status\" = 'running' AND (SELECT count(DISTINCT s.\"InstanceId\") FROM instance_stats s " +
            $"WHERE s.\"RunId\" = r.\"Id\") BETWEEN {ChunkSize} AND r.\"Total\" - {10 * ChunkSize}", connection);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var running = new List<long>();
            await using (var reader = await query.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    running.Add(reader.GetInt64(0));
            foreach (var id in running)
                foreach (var worker in workers)
                    if (worker.Output.Contains($"Run {id} (", StringComparison.Ordinal))
                        return (id, worker.ProcessId);
            await Task.Delay(50);
        }
        throw new TimeoutException($"no run was seen in the middle of its work within {timeout.TotalSeconds:0} s");
    }

    private static async Task<int> CountRunsAsync(string connectionString)
    {
        try
        {
            await using var db = PostgresContext(connectionString);
            return await db.Runs.CountAsync();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return 0; // not migrated yet
        }
    }

    private static async Task<int> DoneAsync(string connectionString, long runId)
    {
        await using var db = PostgresContext(connectionString);
        return await db.InstanceStats.Where(s => s.RunId == runId).Select(s => s.InstanceId).Distinct().CountAsync();
    }

    private static async Task<int> TotalAsync(string connectionString, long runId)
    {
        await using var db = PostgresContext(connectionString);
        return await db.Runs.Where(r => r.Id == runId).Select(r => r.Total).SingleAsync();
    }

    private static Task<List<string>> StatusesAsync(string connectionString) => StatusesAsync(PostgresContext(connectionString));

    private static async Task<List<string>> StatusesAsync(EvalDbContext db)
    {
        await using (db)
        {
            try
            {
                return await db.Runs.Select(r => r.Status).ToListAsync();
            }
            catch (SqliteException)
            {
                return []; // not migrated yet
            }
        }
    }

    public static EvalDbContext PostgresContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<EvalDbContext>();
        EvalDatabase.Configure(options, DatabaseProviders.Postgres, connectionString);
        return new EvalDbContext(options.Options);
    }

    private static EvalDbContext SqliteContext(string file)
    {
        var options = new DbContextOptionsBuilder<EvalDbContext>();
        EvalDatabase.Configure(options, EvalDatabase.SqliteConnectionString(file));
        return new EvalDbContext(options.Options);
    }
}
