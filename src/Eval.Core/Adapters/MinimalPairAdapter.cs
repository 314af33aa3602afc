using Eval.Core.Models;
using Eval.Core.Scenarios;

namespace Eval.Core.Adapters;

/// <summary>
/// Each sentence of a pair becomes one log-likelihood request with an empty context (the bos/eos id; a masked LM's
/// tokenizer adds its own &lt;s&gt; ... &lt;/s&gt;), carrying the convention's scoring variant.
/// </summary>
public sealed class MinimalPairAdapter(string convention)
{
    private readonly string prefix = MinimalPairConventions.Prefix(convention);
    private readonly ScoringVariant variant = MinimalPairConventions.Variant(convention);

    public IReadOnlyList<LogLikelihoodRequest> BuildRequests(Instance instance) =>
        instance.References.Select(r => new LogLikelihoodRequest("", prefix + r.Text, variant)).ToList();
}
