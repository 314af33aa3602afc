using System.Globalization;
using Eval.Jobs.Timings;

namespace Eval.Bench;

/// <summary>
/// The suite's runs with where their time went: model load (from the worker's openings inside the run's window),
/// storing (the run's chunk and stats writes) and scoring (the rest of the run's wall time: tokenizing, the model,
/// metrics), its CPU time, and its request cache counts; then the same per scenario, and the order runs started in.
/// </summary>
public sealed class SuiteReport
{
    private readonly List<RunFigures> runs;

    private SuiteReport(List<RunFigures> runs) => this.runs = runs;

    public double CacheHitRate
    {
        get
        {
            var hits = runs.Sum(r => (long)r.Run.CacheHits);
            var total = hits + runs.Sum(r => (long)r.Run.CacheMisses);
            return total == 0 ? 0 : hits / (double)total;
        }
    }

    /// <summary>Whether every BLiMP run started before any other run did.</summary>
    public bool BlimpFirst
    {
        get
        {
            var started = runs.Where(r => r.Window is not null).OrderBy(r => r.Window!.StartTimestamp).ToList();
            var firstOther = started.FindIndex(r => r.Run.ScenarioId != "blimp");
            return firstOther < 0 || started.Skip(firstOther).All(r => r.Run.ScenarioId != "blimp");
        }
    }

    public static SuiteReport Build(IReadOnlyList<RunRow> runs, IReadOnlyDictionary<long, RunWindow> windows,
        IReadOnlyList<ModelOpening> openings, IReadOnlyList<ResultStoring> storings)
    {
        var figures = runs.Select(run =>
        {
            var window = windows.GetValueOrDefault(run.Id);
            var opened = window is null ? [] : openings.Where(o => window.Contains(o.StartedTimestamp)).ToList();
            return new RunFigures(run, window,
                opened.Sum(o => o.Elapsed.TotalSeconds), opened.Any(o => o.Loaded),
                storings.Where(s => s.RunId == run.Id).Sum(s => s.Elapsed.TotalSeconds));
        }).ToList();
        return new SuiteReport(figures);
    }

    public void Write(TextWriter output)
    {
        output.WriteLine("per run, in the order they started (seconds; score = wall - load - store):");
        foreach (var f in runs.OrderBy(r => r.Window?.StartTimestamp ?? long.MaxValue))
            output.WriteLine($"  run {f.Run.Id,3} {f.Run.ScenarioId,-14} {f.Run.Model,-22} instances={f.Run.Total,5} wall={F(f.Wall),6} " +
                $"cpu={F(f.Cpu),6} load={F(f.Load),5}{(f.Loaded ? "" : " (warm)")} store={F(f.Store),5} score={F(f.Score),6} " +
                $"cache={f.Run.CacheHits}/{f.Run.CacheHits + f.Run.CacheMisses} {f.Run.Status}");
        output.WriteLine("per scenario (sums over its runs):");
        foreach (var scenario in runs.GroupBy(r => r.Run.ScenarioId).OrderByDescending(g => g.Sum(r => r.Wall)))
            output.WriteLine($"  {scenario.Key,-14} runs={scenario.Count()} instances={scenario.Sum(r => r.Run.Total),6} " +
                $"wall={F(scenario.Sum(r => r.Wall)),6} cpu={F(scenario.Sum(r => r.Cpu)),6} load={F(scenario.Sum(r => r.Load)),5} " +
                $"store={F(scenario.Sum(r => r.Store)),5} score={F(scenario.Sum(r => r.Score)),6} " +
                $"cache_hits={scenario.Sum(r => r.Run.CacheHits)}/{scenario.Sum(r => r.Run.CacheHits + r.Run.CacheMisses)}");
        output.WriteLine($"  all            runs={runs.Count} wall={F(runs.Sum(r => r.Wall))} cpu={F(runs.Sum(r => r.Cpu))} " +
            $"load={F(runs.Sum(r => r.Load))} ({runs.Count(r => r.Loaded)} loads) store={F(runs.Sum(r => r.Store))} score={F(runs.Sum(r => r.Score))}");
        output.WriteLine($"order: every BLiMP run started before any other run: {(BlimpFirst ? "yes" : "no")}");
    }

    private static string F(double x) => double.IsNaN(x) ? "n/a" : x.ToString("0.0", CultureInfo.InvariantCulture);

    private sealed record RunFigures(RunRow Run, RunWindow? Window, double Load, bool Loaded, double Store)
    {
        public double Wall => Window?.WallSeconds ?? double.NaN;

        public double Cpu => Window?.CpuSeconds ?? double.NaN;

        public double Score => Wall - Load - Store;
    }
}
