using System.Globalization;

namespace Eval.Cli;

/// <summary>
/// One line of an uploaded model's progress for `upload --wait`, as the leaderboard's progress line counts it: runs
/// done (finished, failed or cancelled) of all the model's runs, a running run by its share of instances; the time
/// left at the pace since the model's first run started (server clock). "model 7 running: 43% (5 of 12 runs done), ETA 3 min".
/// </summary>
public sealed record ModelProgress(long ModelId, string Status, IReadOnlyList<ModelProgress.Run> Runs, DateTime? ServerNow,
    string? Error = null, string? ErrorCode = null)
{
    public sealed record Run(long Id, string Scenario, string Status, int Done, int Total, int? QueuePosition, DateTime? StartedAt, string? Error);

    /// <summary>Model statuses after which nothing more happens without a new request.</summary>
    public static readonly IReadOnlySet<string> FinalStatuses = new HashSet<string>(StringComparer.Ordinal) { "finished", "failed", "cancelled", "rejected" };

    public bool IsFinal => FinalStatuses.Contains(Status);

    public int RunsDone => Runs.Count(r => r.Status is not ("queued" or "running"));

    /// <summary>Runs done, running runs counted by their share of instances.</summary>
    public double Progress => RunsDone + Runs.Where(r => r.Status == "running" && r.Total > 0).Sum(r => (double)r.Done / r.Total);

    public TimeSpan? Remaining
    {
        get
        {
            var progress = Progress;
            if (ServerNow is not { } now || Runs.Select(r => r.StartedAt).Where(t => t is not null).Min() is not { } first || progress <= 0 || progress >= Runs.Count)
                return null;
            var elapsed = now - first;
            return elapsed <= TimeSpan.Zero ? null : elapsed * ((Runs.Count - progress) / progress);
        }
    }

    public override string ToString()
    {
        var line = $"model {ModelId} {Status}";
        if (Runs.Count == 0)
            return line;
        var percent = Math.Floor(100 * Progress / Runs.Count).ToString(CultureInfo.InvariantCulture);
        line += $": {percent}% ({RunsDone} of {Runs.Count} runs done)";
        if (IsFinal)
            return line;
        if (Runs.All(r => r.Status == "queued") && Runs.Select(r => r.QueuePosition).Min() is { } position)
            return line + $", next run {Ordinal(position)} in the queue";
        return line + Eta(Remaining);
    }

    private static string Ordinal(int n) => n == 1 ? "first" : $"#{n.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The leaderboard line's wording (SuiteProgressLine): whole minutes, hours past an hour.</summary>
    public static string Eta(TimeSpan? remaining) => remaining switch
    {
        null => "",
        { TotalMinutes: < 1 } => ", ETA under a minute",
        { TotalMinutes: < 60 } r => $", ETA {Math.Ceiling(r.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min",
        { } r => $", ETA {Math.Floor(r.TotalHours).ToString(CultureInfo.InvariantCulture)} h {r.Minutes.ToString(CultureInfo.InvariantCulture)} min",
    };
}
