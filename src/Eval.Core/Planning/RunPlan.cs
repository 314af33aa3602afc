using Eval.Core.Scenarios;

namespace Eval.Core.Planning;

/// <summary>
/// One run to make: the scenario, the convention, the sample per subset (null: every instance), the seed, and its place
/// in the queue (Priority: lower runs first; the index of the scenario in the suite order).
/// </summary>
public sealed record RunPlan(ScenarioDefinition Scenario, string Convention, int? SamplePerSubset, int Seed, int Priority);
