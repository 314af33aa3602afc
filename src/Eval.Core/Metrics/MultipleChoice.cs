using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>
/// Reading a multiple-choice answer from responses, as lm-evaluation-harness does: the prediction is the argmax of
/// the scores (the first on ties), over the instance's main choices (all references, or the first choice set).
/// </summary>
public static class MultipleChoice
{
    public static IReadOnlyList<int> MainChoices(Instance instance) => Choices(instance, instance.References[0].Set);

    public static IReadOnlyList<int> Choices(Instance instance, string? set)
    {
        var indices = new List<int>();
        for (var i = 0; i < instance.References.Count; i++)
            if (instance.References[i].Set == set)
                indices.Add(i);
        return indices.Count > 0 ? indices : throw new ArgumentException($"instance {instance.Id} has no choices in set '{set}'");
    }

    /// <summary>The reference index with the highest score among the given ones; the first wins a tie.</summary>
    public static int Predicted(IReadOnlyList<int> choices, IReadOnlyList<Response> responses)
    {
        var best = choices[0];
        foreach (var i in choices)
            if (responses[i].Score > responses[best].Score)
                best = i;
        return best;
    }

    public static int Gold(Instance instance, IReadOnlyList<int> choices)
    {
        foreach (var i in choices)
            if (instance.References[i].IsCorrect)
                return i;
        throw new ArgumentException($"instance {instance.Id} has no correct reference", nameof(instance));
    }

    /// <summary>Softmax of the scores over the given choices, in their order; shifted by the maximum so nothing underflows.</summary>
    public static double[] Probabilities(IReadOnlyList<int> choices, IReadOnlyList<Response> responses)
    {
        var max = choices.Max(i => responses[i].Score);
        var weights = choices.Select(i => Math.Exp(responses[i].Score - max)).ToArray();
        var total = weights.Sum();
        return weights.Select(w => w / total).ToArray();
    }
}
