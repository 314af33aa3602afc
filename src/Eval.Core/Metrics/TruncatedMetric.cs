using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>truncated: 1 when any request of the instance lost context tokens on the left to fit the model; its mean is the share of such instances.</summary>
public sealed class TruncatedMetric : IInstanceMetric
{
    public string Name => "truncated";

    public double? Score(Instance instance, IReadOnlyList<Response> responses) => responses.Any(r => r.Truncated) ? 1.0 : 0.0;
}
