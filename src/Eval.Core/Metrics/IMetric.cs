using Eval.Core.Scenarios;

namespace Eval.Core.Metrics;

/// <summary>A metric a scenario.yaml names by id (KnownMetrics).</summary>
public interface IMetric
{
    string Name { get; }

    /// <summary>Why this metric cannot be computed for the scenario (a missing tag or choice set), or null: checked at load.</summary>
    string? Problem(ScenarioDefinition scenario) => null;
}
