using Eval.Core.Scenarios;

namespace Eval.Core.Planning;

/// <summary>
/// The planner's answer for one scenario: a plan, or which rule says no (Rule) and why in a sentence for the user
/// (Reason: the command line's one line, a page's message, a log line). A value, not an exception: a scenario that does
/// not apply is skipped by a suite and refused (exit 2, 4xx) where it was asked for by name.
/// </summary>
public sealed record RunPlanDecision(ScenarioDefinition Scenario, RunPlan? Plan, NotApplicable Rule, string? Reason)
{
    public bool Applicable => Plan is not null;

    public static RunPlanDecision Run(RunPlan plan) => new(plan.Scenario, plan, NotApplicable.None, null);

    public static RunPlanDecision No(ScenarioDefinition scenario, NotApplicable rule, string reason) => new(scenario, null, rule, reason);
}
