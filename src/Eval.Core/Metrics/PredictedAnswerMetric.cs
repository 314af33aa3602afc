using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>
/// predicted_answer: the text of the choice the model picked, as a stable number (FNV-1a of the trimmed, lower-cased
/// text), so that answer_concentration can count how often one answer comes back. By text, not position: TruthfulQA
/// lists the true answer first in every question, HaluEval always offers the same two words.
/// </summary>
public sealed class PredictedAnswerMetric : IInstanceMetric
{
    public const string Id = "predicted_answer";

    public string Name => Id;

    public double? Score(Instance instance, IReadOnlyList<Response> responses)
    {
        var choices = MultipleChoice.MainChoices(instance);
        if (choices.Count < 2 || choices.Any(c => c >= responses.Count))
            return null;
        var text = instance.References[MultipleChoice.Predicted(choices, responses)].Text.Trim().ToLowerInvariant();
        var hash = 2166136261u;
        foreach (var c in text)
            hash = (hash ^ c) * 16777619u;
        return hash;
    }
}
