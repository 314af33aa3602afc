using System.Text.Json;
using System.Text.Json.Nodes;
using Eval.Core.Models;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Inference.Onnx;

namespace Eval.Cli;

/// <summary>The --json document of CONTRACTS.md; fields beyond the contract are additions, never renames.</summary>
public static class EvaluationReport
{
    public static string Build(ILanguageModel model, ScenarioDefinition scenario, string convention, int instances,
        IReadOnlyList<StatSummary> stats, double elapsedSeconds, int? samplePerSubset, int seed)
    {
        JsonObject Metrics(string level, string key, bool withCount)
        {
            var row = new JsonObject();
            var own = stats.Where(s => s.Level == level && s.Key == key).ToList();
            if (withCount)
                row["count"] = own.FirstOrDefault()?.Count ?? 0;
            foreach (var s in own)
                row[s.Metric] = s.Mean;
            return row;
        }

        JsonObject ByKey(string level)
        {
            var obj = new JsonObject();
            foreach (var key in stats.Where(s => s.Level == level).Select(s => s.Key).Distinct())
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
            ["instances"] = instances,
            ["max_instances_per_subset"] = samplePerSubset,
            ["seed"] = seed,
            ["metrics"] = Metrics(StatLevel.Overall, StatLevel.Overall, withCount: false),
        };
        if (scenario.SubsetGroups is not null)
            doc["subset_groups"] = ByKey(StatLevel.SubsetGroup);
        doc["subsets"] = ByKey(StatLevel.Subset);
        doc["elapsed_seconds"] = Math.Round(elapsedSeconds, 3);
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
