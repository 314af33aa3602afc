using Eval.Core.Runner;
using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>
/// Multiple-choice accuracy over only the instances whose tag has a given value (acc_ambiguous: tag
/// context_condition = ambig); on the others it does not apply, so its mean is the accuracy of that part.
/// </summary>
public sealed class TaggedAccuracyMetric(string name, string tag, string value) : IInstanceMetric
{
    private readonly MultipleChoiceAccuracyMetric accuracy = new();

    public string Name => name;

    public string Tag => tag;

    public string? Problem(ScenarioDefinition scenario) =>
        scenario.Instance.Tags.ContainsKey(tag) ? null : $"metric '{name}' needs instance.tags.{tag}";

    public double? Score(Instance instance, IReadOnlyList<Response> responses) =>
        instance.Tag(tag) == value ? accuracy.Score(instance, responses) : null;
}
