using Eval.Core.Metrics;
using Eval.Core.Runner;

namespace Eval.Core.Scenarios.HaluEval;

/// <summary>
/// hallucinated_accept_rate: over the judgements of hallucinated answers only (tag answer_kind = hallucinated), 1 when
/// the model's judgement is not the right one, i.e. it says " No" (not hallucinated) to a hallucinated answer.
/// Lower is better; a model that always says " No" scores 1.
/// </summary>
public sealed class HallucinatedAcceptRateMetric : IInstanceMetric
{
    public const string Tag = "answer_kind";
    public const string Hallucinated = "hallucinated";

    private readonly MultipleChoiceAccuracyMetric accuracy = new();

    public string Name => "hallucinated_accept_rate";

    public string? Problem(ScenarioDefinition scenario) =>
        scenario.Instance.Tags.ContainsKey(Tag) ? null : $"metric '{Name}' needs instance.tags.{Tag}";

    public double? Score(Instance instance, IReadOnlyList<Response> responses) =>
        instance.Tag(Tag) == Hallucinated ? 1.0 - accuracy.Score(instance, responses) : null;
}
