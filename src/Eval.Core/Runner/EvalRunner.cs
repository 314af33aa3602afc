using Eval.Core.Adapters;
using System.Diagnostics;
using Eval.Core.Metrics;
using Eval.Core.Models;
using Eval.Core.Scenarios;
using Eval.Core.Scenarios.Perturbations;

namespace Eval.Core.Runner;

/// <summary>
/// Puts instances to the model through the scenario's adapter in chunks, scores each with the scenario's
/// per-instance metrics, and hands each chunk's results to the caller (the job stores them; the CLI keeps them), so
/// a long run can be stored, resumed and watched. Corpus-level metrics come later, from all results (StatAggregator).
/// </summary>
public sealed class EvalRunner
{
    public const int DefaultChunkSize = 2000;

    public async Task RunAsync(
        ILanguageModel model,
        ScenarioDefinition scenario,
        IReadOnlyList<Instance> instances,
        string convention,
        Func<IReadOnlyList<InstanceResult>, CancellationToken, Task> onChunk,
        IProgress<RunProgress>? progress = null,
        int alreadyDone = 0,
        int chunkSize = DefaultChunkSize,
        CancellationToken cancellationToken = default)
    {
        if (ModelConventions.Mismatch(convention, model.Info, scenario) is { } mismatch)
            throw new ArgumentException(mismatch, nameof(convention));
        var adapter = KnownAdapters.Create(scenario, convention);
        var metrics = KnownMetrics.For(scenario);
        var perturbations = scenario.Perturbations.Select(p => KnownPerturbations.All[p]()).ToList();
        var total = alreadyDone + instances.Count;
        var clock = Stopwatch.StartNew();
        var done = alreadyDone;
        progress?.Report(new RunProgress(done, total, clock.Elapsed));

        foreach (var chunk in instances.Chunk(chunkSize))
        {
            var variants = chunk.Select(i => perturbations
                .Select(p => KnownPerturbations.Apply(p, i, scenario.Prompt.Preamble))
                .OfType<Instance>().ToList()).ToList();
            var all = chunk.Concat(variants.SelectMany(v => v)).ToList();
            var chunkStart = done;
            var instanceProgress = progress is null ? null
                : new SyncProgress<int>(n => progress.Report(new RunProgress(chunkStart + n * chunk.Length / Math.Max(1, all.Count), total, clock.Elapsed)));
            var answered = await adapter.RespondAsync(model, all, instanceProgress, cancellationToken);

            var results = new List<InstanceResult>(chunk.Length);
            var variantOffset = chunk.Length;
            for (var i = 0; i < chunk.Length; i++)
            {
                var own = answered[i];
                var ownVariants = answered.Skip(variantOffset).Take(variants[i].Count).ToList();
                variantOffset += variants[i].Count;
                results.Add(Score(own, ownVariants, metrics));
            }

            await onChunk(results, cancellationToken);
            done += chunk.Length;
            progress?.Report(new RunProgress(done, total, clock.Elapsed));
        }
    }

    /// <summary>
    /// One instance's stats: every per-instance metric that applies, and the perturbation metrics over its variants.
    /// The variants' requests are stored after the instance's own, numbered on.
    /// </summary>
    public static InstanceResult Score(InstanceResponses answered, IReadOnlyList<InstanceResponses> variants, MetricSet metrics)
    {
        var instance = answered.Instance;
        var stats = new Dictionary<string, double>();
        foreach (var metric in metrics.Instance)
            if (metric.Score(instance, answered.Responses) is { } value)
                stats[metric.Name] = value;
        foreach (var metric in metrics.Perturbed)
            if (metric.Score(instance, answered.Responses, variants) is { } value)
                stats[metric.Name] = value;
        foreach (var metric in metrics.MultiStat)
            foreach (var (name, value) in metric.Stats(instance, answered.Responses))
                stats[name] = value;

        var requests = answered.Requests.ToList();
        foreach (var variant in variants)
        {
            var first = requests.Count;
            requests.AddRange(variant.Requests.Select(r => r with { Index = first + r.Index }).ToList());
        }
        return new InstanceResult(instance.Id, instance.Subset, instance.SubsetGroup, requests, stats);
    }
}
