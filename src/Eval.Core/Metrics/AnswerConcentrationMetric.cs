namespace Eval.Core.Metrics;

/// <summary>
/// answer_concentration: the share of instances that got the run's most frequent answer (predicted_answer). 1.0 is a
/// model that always says the same thing: HaluEval's "Yes" to everything scores accuracy 0.5 and means nothing.
/// </summary>
public sealed class AnswerConcentrationMetric : IRunMetric
{
    public const string Id = "answer_concentration";

    public string Name => Id;

    public IReadOnlyList<string> Inputs => [PredictedAnswerMetric.Id];

    public double Compute(InstanceStatTable instances)
    {
        if (!instances.Has(PredictedAnswerMetric.Id))
            return double.NaN;
        var answers = instances.Column(PredictedAnswerMetric.Id).Where(v => !double.IsNaN(v)).ToList();
        return answers.Count == 0 ? double.NaN : answers.GroupBy(a => a).Max(g => g.Count()) / (double)answers.Count;
    }
}
