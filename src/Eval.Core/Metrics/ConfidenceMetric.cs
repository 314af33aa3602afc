using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>
/// confidence: the probability of the predicted answer, the softmax of the main choices' scores at the argmax
/// (HELM's max_prob for calibration). Read by ece_10_bin and selective_acc_10.
/// </summary>
public sealed class ConfidenceMetric : IInstanceMetric
{
    public const string Id = "confidence";

    public string Name => Id;

    public double? Score(Instance instance, IReadOnlyList<Response> responses)
    {
        var choices = MultipleChoice.MainChoices(instance);
        var predicted = MultipleChoice.Predicted(choices, responses);
        var probabilities = MultipleChoice.Probabilities(choices, responses);
        return probabilities[IndexOf(choices, predicted)];
    }

    private static int IndexOf(IReadOnlyList<int> choices, int reference)
    {
        for (var k = 0; k < choices.Count; k++)
            if (choices[k] == reference)
                return k;
        throw new ArgumentException("the prediction is not among the choices", nameof(reference));
    }
}
