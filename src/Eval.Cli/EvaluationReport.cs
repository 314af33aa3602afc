using System.Text.Json;
using System.Text.Json.Nodes;
using Eval.Core.Efficiency;
using Eval.Core.Models;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Inference.Onnx;

namespace Eval.Cli;

/// <summary>
/// The --json document of CONTRACTS.md; fields beyond the contract are additions, never renames. Every metric the
/// scenario names appears in metrics and beside each subset's count, at full double precision; null where it is
/// undefined there (bias_score_ambiguous of a subset without ambiguous items).
/// </summary>
public static class EvaluationReport
{
    public static string Build(ILanguageModel model, ScenarioDefinition scenario, string convention, RunCounts counts,
        IReadOnlyList<StatSummary> stats, double elapsedSeconds, int? samplePerSubset, int seed, IReadOnlyList<InstanceStat>? instanceStats = null)
    {
        JsonObject Metrics(string level, string key, bool withCount)
        {
            var row = new JsonObject();
            if (withCount)
                row["count"] = counts.Of(level, key);
            foreach (var metric in scenario.Metrics)
                row[metric] = stats.FirstOrDefault(s => s.Level == level && s.Key == key && s.Metric == metric) is { } s
                    ? JsonValue.Create(s.Mean) : null;
            return row;
        }

        JsonObject ByKey(string level)
        {
            var obj = new JsonObject();
            foreach (var key in counts.Keys(level))
                obj[key] = Metrics(level, key, withCount: true);
            return obj;
        }

        var doc = new JsonObject
        {
            ["model"] = model.Info.Name,
            ["model_kind"] = model.Info.Kind,
            ["model_sha256"] = model.Info.Sha256,
            ["tokenizer_sha256"] = model.Info.TokenizerSha256,
            ["scenario"] = scenario.Id,
            ["scenario_version"] = scenario.Version,
            ["convention"] = convention,
            ["provider"] = model.Provider.Name,
            ["provider_reason"] = model.Provider.Reason,
            ["hardware"] = HardwareDescription.Current(model.Provider.Name),
            ["instances"] = counts.Total,
            ["max_instances_per_subset"] = samplePerSubset,
            ["seed"] = seed,
            ["main_metric"] = scenario.MainMetric,
            ["metrics"] = Metrics(StatLevel.Overall, StatLevel.Overall, withCount: false),
        };
        if (scenario.SubsetGroups is not null)
            doc["subset_groups"] = ByKey(StatLevel.SubsetGroup);
        doc["subsets"] = ByKey(StatLevel.Subset);
        if (scenario.AdapterKind.IsMeasurement && instanceStats is not null)
            Measurement(doc, scenario, stats, instanceStats);
        doc["elapsed_seconds"] = Math.Round(elapsedSeconds, 3);
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>
    /// A measurement's additions: each figure's spread over its repetitions, overall and per subset
    /// (`spreads`: {"overall": {&lt;figure&gt;: {"quantiles": "p25-p75", "low", "high"}}, "prompt_016": ...}),
    /// and the machine's median 1-minute load average and logical processors while measuring.
    /// </summary>
    private static void Measurement(JsonObject doc, ScenarioDefinition scenario, IReadOnlyList<StatSummary> stats, IReadOnlyList<InstanceStat> instanceStats)
    {
        JsonObject Spreads(IReadOnlyList<InstanceStat> set)
        {
            var obj = new JsonObject();
            foreach (var metric in scenario.Metrics)
                if (EfficiencyMetrics.Figures.TryGetValue(metric, out var f)
                    && MeasuredSpread.Of(metric, set.Where(i => i.Metric == f.Repetition).Select(i => i.Value)) is { } spread)
                    obj[metric] = new JsonObject { ["quantiles"] = spread.Quantiles, ["low"] = spread.Low, ["high"] = spread.High };
            return obj;
        }

        var spreads = new JsonObject { [StatLevel.Overall] = Spreads(instanceStats) };
        foreach (var subset in instanceStats.Where(i => i.Subset is not null).GroupBy(i => i.Subset!).OrderBy(g => g.Key, StringComparer.Ordinal))
            spreads[subset.Key] = Spreads(subset.ToList());
        doc["spreads"] = spreads;
        doc[EfficiencyMetrics.LoadAverage] = stats.FirstOrDefault(s => s.Level == StatLevel.Overall && s.Metric == EfficiencyMetrics.LoadAverage) is { } load
            ? JsonValue.Create(load.Mean) : null;
        var cpus = instanceStats.Where(i => i.Metric == EfficiencyMetrics.RepLogicalCpus).Select(i => (int)i.Value).ToList();
        doc["logical_cpus"] = cpus.Count > 0 ? JsonValue.Create(cpus.Max()) : null;
    }
}
