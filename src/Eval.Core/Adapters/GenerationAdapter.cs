using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Adapters;

/// <summary>
/// lm-evaluation-harness's generate_until: one greedy completion of the instance's input per instance, cut before the
/// first stop sequence or after MaxTokens. The completion is stored as the request's continuation, with the sum of
/// its token log-probabilities and its token count; metrics compare it with the references.
/// </summary>
public sealed class GenerationAdapter(GenerationSpec spec) : IAdapter
{
    public GenerationRequest BuildRequest(Instance instance) => new(instance.Input, spec.MaxTokens, spec.Stop);

    public async Task<IReadOnlyList<InstanceResponses>> RespondAsync(ILanguageModel model, IReadOnlyList<Instance> instances,
        IProgress<int>? instancesDone = null, CancellationToken cancellationToken = default)
    {
        var requests = instances.Select(BuildRequest).ToList();
        var results = await model.GenerateAsync(requests, instancesDone, cancellationToken);
        if (results.Count != requests.Count)
            throw new InvalidOperationException($"{results.Count} completions for {requests.Count} requests");
        var answered = new List<InstanceResponses>(instances.Count);
        for (var i = 0; i < instances.Count; i++)
        {
            var r = results[i];
            var logProb = r.TokenLogProbs.Sum(p => (double)p);
            var scored = new ScoredRequest(0, requests[i].Context, r.Text, logProb, r.TokenIds.Count, IsGreedy: true);
            var response = new Response(logProb, r.TokenIds.Count, true, logProb, Completion: r.Text, Finish: r.FinishReason);
            answered.Add(new InstanceResponses(instances[i], [scored], [response]));
        }
        return answered;
    }
}
