using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>accuracy for multiple choice: 1 when the argmax of the main choices is the correct one (lm-eval's acc; the first wins a tie).</summary>
public sealed class MultipleChoiceAccuracyMetric : IInstanceMetric
{
    public string Name => "accuracy";

    public double? Score(Instance instance, IReadOnlyList<Response> responses)
    {
        var choices = MultipleChoice.MainChoices(instance);
        return MultipleChoice.Predicted(choices, responses) == MultipleChoice.Gold(instance, choices) ? 1.0 : 0.0;
    }
}
