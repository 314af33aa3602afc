using Eval.Core.Metrics;
using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.TestKit;

namespace Eval.Core.Tests;

/// <summary>Runs a scenario's instances on a model as the CLI does, and aggregates the stats as the CLI reports them.</summary>
public sealed record ScenarioRun(IReadOnlyList<InstanceResult> Results, IReadOnlyList<StatSummary> Stats)
{
    public static ScenarioDefinition Load(string id) => ScenarioLoader.Load(Path.Combine(Repo.Scenarios, id));

    public static async Task<ScenarioRun> RunAsync(ScenarioDefinition scenario, IReadOnlyList<Instance> instances, ILanguageModel model,
        string? convention = null)
    {
        var results = new List<InstanceResult>();
        await new EvalRunner().RunAsync(model, scenario, instances, convention ?? scenario.DefaultConvention,
            (chunk, _) => { results.AddRange(chunk); return Task.CompletedTask; }, chunkSize: 7);
        var stats = StatAggregator.Aggregate(
            results.SelectMany(r => r.Stats.Select(s => new InstanceStat(r.InstanceId, r.Subset, r.SubsetGroup, s.Key, s.Value))),
            KnownMetrics.For(scenario).Run);
        return new ScenarioRun(results, stats);
    }

    public double Overall(string metric) => Stats.Single(s => s.Level == StatLevel.Overall && s.Metric == metric).Mean;

    public double Of(string level, string key, string metric) => Stats.Single(s => s.Level == level && s.Key == key && s.Metric == metric).Mean;
}
