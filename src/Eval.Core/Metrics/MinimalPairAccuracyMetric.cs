using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>1 when the correct sentence scores strictly higher than every other; a tie is wrong (CONTRACTS.md).</summary>
public sealed class MinimalPairAccuracyMetric : IInstanceMetric
{
    public const string Name = "accuracy";

    string IMetric.Name => Name;

    /// <summary>The same rule on the adapter's scores, which carry the convention (length_normalized: per token).</summary>
    public double? Score(Instance instance, IReadOnlyList<Response> responses) =>
        Score(instance, responses.Select(r => new LogLikelihoodResult(r.Score, r.TokenCount, r.IsGreedy)).ToList());

    public double Score(Instance instance, IReadOnlyList<LogLikelihoodResult> responses)
    {
        var correct = -1;
        for (var i = 0; i < instance.References.Count; i++)
            if (instance.References[i].IsCorrect)
                correct = i;
        if (correct < 0)
            throw new ArgumentException($"instance {instance.Id} has no correct reference", nameof(instance));
        for (var i = 0; i < responses.Count; i++)
            if (i != correct && responses[i].LogProb >= responses[correct].LogProb)
                return 0.0;
        return 1.0;
    }
}
