using Eval.Data.Queries;

namespace Eval.Web.Api;

/// <summary>run.json: the run's spec, model, status and every stat.</summary>
public static class RunDocument
{
    public static object Build(RunDetail detail)
    {
        var run = detail.Run;
        return new
        {
            id = run.Id,
            run_key = run.RunKey,
            spec = System.Text.Json.JsonDocument.Parse(run.SpecJson).RootElement,
            model = new { id = detail.Model.Id, name = detail.Model.Name, sha256 = detail.Model.Sha256, tokenizer_sha256 = detail.Model.TokenizerSha256 },
            scenario = run.ScenarioId,
            scenario_version = run.ScenarioVersion,
            convention = run.Convention,
            sample = run.SamplePerSubset,
            seed = run.Seed,
            status = run.Status,
            done = run.Done,
            total = run.Total,
            provider = run.Provider,
            provider_reason = run.ProviderReason,
            hardware = run.Hardware,
            error = run.Error,
            created_at = run.CreatedAt,
            started_at = run.StartedAt,
            finished_at = run.FinishedAt,
            elapsed_seconds = run.ElapsedSeconds,
            cache_hits = run.CacheHits,
            cache_misses = run.CacheMisses,
            stats = detail.Stats.Select(s => new
            {
                metric = s.Metric, level = s.Level, key = s.Key, count = s.Count, mean = s.Mean, ci_low = s.CiLow, ci_high = s.CiHigh,
                sum = s.Sum, sum_squares = s.SumSquares, min = s.Min, max = s.Max,
                // A measured figure's repetitions: their spread, named by its quantiles (null for other stats).
                spread = detail.SpreadOf(s)?.Quantiles, spread_low = detail.SpreadOf(s)?.Low, spread_high = detail.SpreadOf(s)?.High,
            }),
        };
    }
}
