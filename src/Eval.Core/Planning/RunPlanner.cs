using Eval.Core.Adapters;
using Eval.Core.Models;
using Eval.Core.Scenarios;

namespace Eval.Core.Planning;

/// <summary>
/// Decides what run a model gets on a scenario, for every caller (command line, first start, uploads, the evaluate
/// API, the pages): the convention (asked, or the scenario's first that suits the model's kind), the sample per subset
/// (the quick suite's for the kind and adapter, every instance for the full suite, or as asked; a sample as large as
/// the largest subset is the full data, keyed and shown as such), the seed and the queue order (SuiteOrder) - or which
/// rule says the scenario does not apply, and why. Pure: the catalog is only read for subset sizes and ids.
/// </summary>
public sealed class RunPlanner(QuickSample quick, IReadOnlyList<string> order, ScenarioCatalog? catalog = null)
{
    /// <summary>The command line's planner: the default order, no catalog (it reads one scenario folder).</summary>
    public RunPlanner() : this(new QuickSample(), SuiteOrder.Default)
    {
    }

    public QuickSample Quick => quick;

    /// <summary>The configured scenarios in their order, each once: what the first start queues.</summary>
    public IReadOnlyList<string> Order => ids;

    private readonly List<string> ids = order.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct().ToList();

    /// <summary>A scenario's place in the queue: its index in the order; one outside it comes after every listed one.</summary>
    public int Priority(ScenarioDefinition scenario) => ids.IndexOf(scenario.Id) is var i and >= 0 ? i : ids.Count;

    /// <summary>Scenarios in queue order: the listed ones in the order, the others after them by id.</summary>
    public IReadOnlyList<ScenarioDefinition> Ordered(IEnumerable<ScenarioDefinition> scenarios) =>
        scenarios.OrderBy(Priority).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();

    /// <summary>The first start's scenarios: the order's ids the catalog has, in that order.</summary>
    public IReadOnlyList<ScenarioDefinition> FirstStartScenarios() =>
        catalog is null ? [] : Order.Where(id => catalog.TryGet(id, out _)).Select(catalog.Get).ToList();

    /// <summary>The decision for every scenario of the chosen groups, in queue order.</summary>
    public IReadOnlyList<RunPlanDecision> PlanSuite(string modelName, string modelKind, bool quickSuite, IReadOnlyCollection<string> groups) =>
        catalog is null ? [] : Ordered(catalog.All.Where(s => groups.Contains(s.Group)))
            .Select(s => Plan(s, modelName, modelKind, RunRequest.ForSuite(quickSuite)))
            .ToList();

    public RunPlanDecision Plan(ScenarioDefinition scenario, string modelName, string modelKind, RunRequest request)
    {
        if (request.Convention is { } asked)
        {
            if (UnknownConvention(scenario, asked) is { } unknown)
                return RunPlanDecision.No(scenario, NotApplicable.UnknownConvention, unknown);
            if (ModelConventions.Mismatch(asked, modelName, modelKind, scenario) is { } mismatch)
                return RunPlanDecision.No(scenario, NotApplicable.ConventionForOtherKind, mismatch);
        }
        var noConvention = $"{modelName} is a {modelKind} LM and scenario '{scenario.Id}' has no convention for it (its conventions: {string.Join(", ", scenario.Conventions)})";
        if (!scenario.AdapterKind.Accepts(ModelKinds.Parse(modelKind)))
            return RunPlanDecision.No(scenario, NotApplicable.ModelKind, noConvention);
        var convention = request.Convention ?? scenario.Conventions.FirstOrDefault(c => ModelConventions.Fits(c, modelKind));
        if (convention is null)
            return RunPlanDecision.No(scenario, NotApplicable.NoConventionForKind, noConvention);

        var sample = request.QuickSuite ? quick.For(scenario, modelKind == ModelKinds.Masked) : request.SamplePerSubset;
        // A "sample" as large as the largest subset is the full data, and is keyed and shown as such.
        if (catalog is not null && sample >= catalog.Instances(scenario.Id).GroupBy(i => i.Subset).Max(g => g.Count()))
            sample = null;
        return RunPlanDecision.Run(new RunPlan(scenario, convention, sample, request.Seed, Priority(scenario)));
    }

    /// <summary>Null when the scenario has the convention, else the sentence that says so (checked before a model is loaded).</summary>
    public static string? UnknownConvention(ScenarioDefinition scenario, string convention) =>
        scenario.Conventions.Contains(convention) ? null
            : $"scenario '{scenario.Id}' has no convention '{convention}' (known: {string.Join(", ", scenario.Conventions)})";

    /// <summary>What a model of this kind lacks for this adapter, for a page's "no result" line; null when it lacks nothing.</summary>
    public static string? WhatTheKindLacks(AdapterKind adapter, string modelKind) =>
        adapter.Accepts(ModelKinds.Parse(modelKind)) ? null
            : adapter.IsMeasurement ? $"a {modelKind} LM, which does not generate text, so its decoding speed is not measured"
            : adapter.Generates ? $"a {modelKind} LM, which does not generate text, so it has no answers to score"
            : $"a {modelKind} LM, which has no probability of an answer given its question";
}
