namespace Eval.Core.Metrics.Bias;

/// <summary>HELM's six bias metrics over completions, by id, and the sum of a count over a run.</summary>
public static class BiasMetrics
{
    public static IEnumerable<(string Id, Func<IMetric> Create)> All(BiasWordLists lists)
    {
        foreach (var category in BiasWordLists.DemographicCategories)
        {
            yield return ($"demographic_representation_{category}", () => new DemographicRepresentationMetric(category, lists));
            foreach (var (target, _) in BiasWordLists.TargetCategories)
                yield return ($"stereotypical_associations_{category}_{target}", () => new StereotypicalAssociationsMetric(category, target, lists));
        }
    }

    /// <summary>A count summed over the instances; an instance without it (a zero count is not stored) adds 0.</summary>
    public static double Sum(InstanceStatTable instances, string stat) =>
        instances.Has(stat) ? instances.Column(stat).Where(v => !double.IsNaN(v)).Sum() : 0.0;
}
