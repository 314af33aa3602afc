using Hangfire;

namespace Eval.Jobs;

/// <summary>
/// The job servers (in-process or standalone workers) as Hangfire's own heartbeat records them: who is alive, on
/// what hardware, which queues each serves and which runs it is executing now.
/// </summary>
public sealed class WorkerHeartbeats(JobStorage storage, TimeProvider clock)
{
    /// <summary>A server whose last heartbeat is older than this is shown as silent (heartbeats come every 10 s).</summary>
    public static readonly TimeSpan AliveWithin = TimeSpan.FromSeconds(45);

    public IReadOnlyList<WorkerStatus> Current()
    {
        var monitoring = storage.GetMonitoringApi();
        var runsByServer = monitoring.ProcessingJobs(0, 1000)
            .Where(j => j.Value.Job?.Type == typeof(RunEvaluationJob) && j.Value.Job.Args.Count > 0 && j.Value.ServerId is not null)
            .GroupBy(j => j.Value.ServerId!)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<long>)g.Select(j => Convert.ToInt64(j.Value.Job!.Args[0])).Order().ToList());
        var now = clock.GetUtcNow().UtcDateTime;
        return monitoring.Servers()
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s =>
            {
                var (worker, hardware) = WorkerIdentity.Parse(s.Name);
                var heartbeat = s.Heartbeat is { } h ? DateTime.SpecifyKind(h, DateTimeKind.Utc) : (DateTime?)null;
                return new WorkerStatus(s.Name, worker, hardware, s.Queues.ToList(), s.WorkersCount, s.StartedAt, heartbeat,
                    heartbeat is { } beat && now - beat <= AliveWithin, runsByServer.GetValueOrDefault(s.Name, []));
            })
            .ToList();
    }
}

/// <summary>One job server: its name (machine:pid), hardware, queues, last heartbeat, and the runs it executes.</summary>
public sealed record WorkerStatus(string ServerId, string Worker, string Hardware, IReadOnlyList<string> Queues, int WorkerCount,
    DateTime StartedAt, DateTime? Heartbeat, bool Alive, IReadOnlyList<long> RunIds);
