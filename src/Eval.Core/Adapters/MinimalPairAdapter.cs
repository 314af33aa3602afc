using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Adapters;

/// <summary>
/// Each sentence of a pair becomes one log-likelihood request with an empty context (the bos/eos id; a masked LM's
/// tokenizer adds its own &lt;s&gt; ... &lt;/s&gt;), carrying the convention's scoring variant.
/// </summary>
public sealed class MinimalPairAdapter(string convention) : IAdapter
{
    private readonly string prefix = MinimalPairConventions.Prefix(convention);
    private readonly ScoringVariant variant = MinimalPairConventions.Variant(convention);

    public IReadOnlyList<LogLikelihoodRequest> BuildRequests(Instance instance) =>
        instance.References.Select(r => new LogLikelihoodRequest(instance.Input, prefix + r.Text, variant)).ToList();

    /// <summary>Summed log-probability; HELM's length_normalized takes the mean per token instead.</summary>
    public double Score(Instance instance, int reference, LogLikelihoodResult result) =>
        convention == MinimalPairConventions.LengthNormalized && result.TokenCount > 0 ? result.LogProb / result.TokenCount : result.LogProb;

    public Task<IReadOnlyList<InstanceResponses>> RespondAsync(ILanguageModel model, IReadOnlyList<Instance> instances,
        IProgress<int>? instancesDone = null, CancellationToken cancellationToken = default) =>
        LogLikelihoodScoring.RespondAsync(model, instances, BuildRequests, Score, instancesDone, cancellationToken);
}
