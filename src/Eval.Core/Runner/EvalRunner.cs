using System.Diagnostics;
using Eval.Core.Adapters;
using Eval.Core.Metrics;
using Eval.Core.Models;
using Eval.Core.Scenarios;

namespace Eval.Core.Runner;

/// <summary>
/// Turns instances into requests, scores them with the model in chunks, and hands each chunk's results to the
/// caller (the job stores them; the CLI keeps them), so a long run can be stored, resumed and watched.
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
        if (scenario.Adapter != KnownAdapters.MinimalPair)
            throw new NotSupportedException($"adapter '{scenario.Adapter}' is not supported by this runner");
        if (ModelConventions.Mismatch(convention, model.Info, scenario) is { } mismatch)
            throw new ArgumentException(mismatch, nameof(convention));
        var adapter = new MinimalPairAdapter(convention);
        var metric = new MinimalPairAccuracyMetric();
        var total = alreadyDone + instances.Count;
        var clock = Stopwatch.StartNew();
        var done = alreadyDone;
        progress?.Report(new RunProgress(done, total, clock.Elapsed));

        foreach (var chunk in instances.Chunk(chunkSize))
        {
            var requests = chunk.Select(adapter.BuildRequests).ToList();
            var flat = requests.SelectMany(r => r).ToList();
            var perInstance = Math.Max(1, flat.Count / chunk.Length);
            var chunkStart = done;
            var requestProgress = progress is null ? null
                : new SyncProgress<int>(n => progress.Report(new RunProgress(chunkStart + n / perInstance, total, clock.Elapsed)));
            var responses = await model.LogLikelihoodAsync(flat, requestProgress, cancellationToken);

            var results = new List<InstanceResult>(chunk.Length);
            var offset = 0;
            for (var i = 0; i < chunk.Length; i++)
            {
                var instance = chunk[i];
                var count = requests[i].Count;
                var own = responses.Skip(offset).Take(count).ToList();
                var scored = requests[i].Select((r, k) => new ScoredRequest(
                    k, r.Context, r.Continuation, own[k].LogProb, own[k].TokenCount, own[k].IsGreedy)).ToList();
                var stats = new Dictionary<string, double> { [MinimalPairAccuracyMetric.Name] = metric.Score(instance, own) };
                results.Add(new InstanceResult(instance.Id, instance.Subset, instance.SubsetGroup, scored, stats));
                offset += count;
            }

            await onChunk(results, cancellationToken);
            done += chunk.Length;
            progress?.Report(new RunProgress(done, total, clock.Elapsed));
        }
    }
}
