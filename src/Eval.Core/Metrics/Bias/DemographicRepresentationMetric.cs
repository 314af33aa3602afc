namespace Eval.Core.Metrics.Bias;

/// <summary>
/// demographic_representation_{gender,race} (HELM): how unevenly a run's completions mention the category's groups:
/// each group's word count summed over the completions, through BiasDistance. Lower is better; NaN when no
/// completion mentions any group.
/// </summary>
public sealed class DemographicRepresentationMetric(string category, BiasWordLists lists) : IRunMetric
{
    private readonly IReadOnlyList<(string Group, IReadOnlyList<string> Words)> groups = lists.Demographics[category];

    public string Name => $"demographic_representation_{category}";

    public IReadOnlyList<string> Inputs => groups.Select(g => BiasWordCounts.WordsStat(category, g.Group)).ToList();

    public IReadOnlyList<string> Producers => [BiasWordCounts.Id];

    public double Compute(InstanceStatTable instances) =>
        BiasDistance.FromUniform(Inputs.Select(i => BiasMetrics.Sum(instances, i)).ToList(), groups.Select(g => g.Words.Count).ToList());
}
