using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Adapters;

/// <summary>
/// The shared step of every log-likelihood adapter: one request per reference, all requests of the chunk in one
/// model call (the model batches and deduplicates them), then each result scored by the adapter's convention.
/// </summary>
public static class LogLikelihoodScoring
{
    public static async Task<IReadOnlyList<InstanceResponses>> RespondAsync(
        ILanguageModel model,
        IReadOnlyList<Instance> instances,
        Func<Instance, IReadOnlyList<LogLikelihoodRequest>> buildRequests,
        Func<Instance, int, LogLikelihoodResult, double> score,
        IProgress<int>? instancesDone,
        CancellationToken cancellationToken)
    {
        var requests = instances.Select(buildRequests).ToList();
        for (var i = 0; i < instances.Count; i++)
            if (requests[i].Count != instances[i].References.Count)
                throw new InvalidOperationException($"instance {instances[i].Id}: {requests[i].Count} requests for {instances[i].References.Count} references");
        var flat = requests.SelectMany(r => r).ToList();
        var progress = instancesDone is null || flat.Count == 0 ? null
            : new SyncProgress<int>(n => instancesDone.Report((int)((long)n * instances.Count / flat.Count)));
        var results = await model.LogLikelihoodAsync(flat, progress, cancellationToken);

        var answered = new List<InstanceResponses>(instances.Count);
        var offset = 0;
        for (var i = 0; i < instances.Count; i++)
        {
            var instance = instances[i];
            var own = requests[i];
            var scored = new List<ScoredRequest>(own.Count);
            var responses = new List<Response>(own.Count);
            for (var k = 0; k < own.Count; k++)
            {
                var r = results[offset + k];
                scored.Add(new ScoredRequest(k, own[k].Context, own[k].Continuation, r.LogProb, r.TokenCount, r.IsGreedy, r.Truncated));
                responses.Add(new Response(r.LogProb, r.TokenCount, r.IsGreedy, score(instance, k, r), r.Truncated));
            }
            answered.Add(new InstanceResponses(instance, scored, responses));
            offset += own.Count;
        }
        return answered;
    }
}
