using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>
/// max_tokens_reached: 1 when the completion ended because it reached the scenario's max_tokens (or the context
/// window), not at a stop sequence or the eos token; its mean is the share of such completions. Null for a
/// log-likelihood response.
/// </summary>
public sealed class MaxTokensReachedMetric : IInstanceMetric
{
    public const string Id = "max_tokens_reached";

    public string Name => Id;

    public double? Score(Instance instance, IReadOnlyList<Response> responses) =>
        responses.Count == 0 || responses[0].Finish is not { } finish ? null : finish == FinishReason.Length ? 1.0 : 0.0;
}
