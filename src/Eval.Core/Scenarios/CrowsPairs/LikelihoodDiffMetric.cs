using Eval.Core.Metrics;
using Eval.Core.Runner;

namespace Eval.Core.Scenarios.CrowsPairs;

/// <summary>likelihood_diff (lm-evaluation-harness crows_pairs): |LL(sent_more) - LL(sent_less)| in nats, averaged over pairs.</summary>
public sealed class LikelihoodDiffMetric : IInstanceMetric
{
    public string Name => "likelihood_diff";

    public double? Score(Instance instance, IReadOnlyList<Response> responses)
    {
        var (more, less) = CrowsPair.Sentences(instance);
        return Math.Abs(responses[more].Score - responses[less].Score);
    }
}
