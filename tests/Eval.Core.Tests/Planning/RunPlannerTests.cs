using Eval.Core.Models;
using Eval.Core.Planning;
using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Core.Tests.Planning;

/// <summary>Each of the planner's rules: the plan it makes, and each reason it gives for a scenario that does not apply.</summary>
public sealed class RunPlannerTests
{
    private static ScenarioDefinition Load(string id) => ScenarioLoader.Load(Path.Combine(Repo.Scenarios, id));

    private static readonly ScenarioDefinition Blimp = Load(KnownScenarios.Blimp);
    private static readonly ScenarioDefinition TruthfulQaGen = Load("truthfulqa_gen");
    private static readonly ScenarioDefinition TruthfulQaMc = Load("truthfulqa_mc");
    private static readonly ScenarioDefinition Efficiency = Load(KnownScenarios.Efficiency);

    private readonly RunPlanner planner = new();

    [Fact]
    public void QuickSuite_CausalModel_GetsEotSpace_TheQuickSample_AndTheFirstPlace_OnBlimp()
    {
        var plan = planner.Plan(Blimp, "gpt", ModelKinds.Causal, RunRequest.Quick).Plan!;

        Assert.Equal(("eot_space", 100, 0, 0), (plan.Convention, plan.SamplePerSubset, plan.Seed, plan.Priority));
    }

    [Fact]
    public void QuickSuite_MaskedModel_GetsPll_AndTheMaskedSample()
    {
        var plan = planner.Plan(Blimp, "bert", ModelKinds.Masked, RunRequest.Quick).Plan!;

        Assert.Equal(("pll", 20), (plan.Convention, plan.SamplePerSubset));
    }

    [Fact]
    public void QuickSuite_CapsAGeneratingScenariosSample_AndRunsItLate()
    {
        var capped = new RunPlanner(new QuickSample(100, 20, 5), SuiteOrder.Default);

        var plan = capped.Plan(TruthfulQaGen, "gpt", ModelKinds.Causal, RunRequest.Quick).Plan!;

        Assert.Equal(("greedy", 5, 7), (plan.Convention, plan.SamplePerSubset, plan.Priority));
        Assert.Equal(100, capped.Plan(TruthfulQaMc, "gpt", ModelKinds.Causal, RunRequest.Quick).Plan!.SamplePerSubset);
    }

    [Fact]
    public void FullSuite_TakesEveryInstance()
    {
        Assert.Null(planner.Plan(Blimp, "gpt", ModelKinds.Causal, RunRequest.Full).Plan!.SamplePerSubset);
    }

    [Fact]
    public void ExactRequest_KeepsItsConventionSampleAndSeed()
    {
        var plan = planner.Plan(Blimp, "gpt", ModelKinds.Causal, RunRequest.Exactly("eot_nospace", 7, 3)).Plan!;

        Assert.Equal(("eot_nospace", 7, 3), (plan.Convention, plan.SamplePerSubset, plan.Seed));
    }

    [Theory]
    [InlineData("truthfulqa_gen", "bert is a masked LM and scenario 'truthfulqa_gen' has no convention for it (its conventions: greedy)")]
    [InlineData("efficiency", "bert is a masked LM and scenario 'efficiency' has no convention for it (its conventions: greedy)")]
    [InlineData("truthfulqa_mc", "bert is a masked LM and scenario 'truthfulqa_mc' has no convention for it (its conventions: sum, length_normalized, char_normalized)")]
    public void MaskedModel_OnAScenarioThatContinuesOrGeneratesText_DoesNotApply_BecauseOfItsKind(string scenario, string reason)
    {
        var decision = planner.Plan(Load(scenario), "bert", ModelKinds.Masked, RunRequest.Quick);

        Assert.False(decision.Applicable);
        Assert.Equal((NotApplicable.ModelKind, reason), (decision.Rule, decision.Reason));
    }

    [Fact]
    public void UnknownConvention_DoesNotApply_NamingTheScenariosConventions()
    {
        var decision = planner.Plan(Blimp, "gpt", ModelKinds.Causal, RunRequest.Exactly("weird", null, 0));

        Assert.Equal(NotApplicable.UnknownConvention, decision.Rule);
        Assert.Equal("scenario 'blimp' has no convention 'weird' (known: eot_space, eot_nospace, length_normalized, pll, pll_word_l2r)", decision.Reason);
    }

    [Theory]
    [InlineData(ModelKinds.Causal, "pll", "convention 'pll' is for masked LMs, and m is a causal LM (use eot_space or eot_nospace or length_normalized)")]
    [InlineData(ModelKinds.Masked, "eot_space", "convention 'eot_space' needs left-to-right probabilities, and m is a masked LM (use pll or pll_word_l2r)")]
    public void ConventionOfTheOtherKind_DoesNotApply_SayingWhichToUse(string kind, string convention, string reason)
    {
        var decision = planner.Plan(Blimp, "m", kind, RunRequest.Exactly(convention, null, 0));

        Assert.Equal((NotApplicable.ConventionForOtherKind, reason), (decision.Rule, decision.Reason));
    }

    [Fact]
    public void SentenceScenario_WithOnlyCausalConventions_DoesNotApplyToAMaskedModel()
    {
        var causalOnly = Blimp with { Conventions = ["eot_space", "eot_nospace"] };

        var decision = planner.Plan(causalOnly, "bert", ModelKinds.Masked, RunRequest.Quick);

        Assert.Equal(NotApplicable.NoConventionForKind, decision.Rule);
        Assert.Equal("bert is a masked LM and scenario 'blimp' has no convention for it (its conventions: eot_space, eot_nospace)", decision.Reason);
        Assert.True(planner.Plan(causalOnly, "gpt", ModelKinds.Causal, RunRequest.Quick).Applicable);
    }

    [Fact]
    public void WhatTheKindLacks_SaysWhyAMaskedModelIsNotMeasured_AndNothingForADecoder()
    {
        Assert.Equal("a masked LM, which does not generate text, so its decoding speed is not measured",
            RunPlanner.WhatTheKindLacks(Efficiency.AdapterKind, ModelKinds.Masked));
        Assert.Null(RunPlanner.WhatTheKindLacks(Efficiency.AdapterKind, ModelKinds.Causal));
        Assert.Null(RunPlanner.WhatTheKindLacks(Blimp.AdapterKind, ModelKinds.Masked));
    }

    [Fact]
    public void Ordered_PutsTheOrdersScenariosFirst_InItsOrder_ThenTheOthersById()
    {
        var other = Blimp with { Id = "aaa_other" };

        var ordered = planner.Ordered(new[] { Efficiency, other, TruthfulQaMc, Blimp });

        Assert.Equal(new[] { "blimp", "truthfulqa_mc", "efficiency", "aaa_other" }, ordered.Select(s => s.Id));
        Assert.Equal(SuiteOrder.Default.Count, planner.Priority(other));
    }

    [Fact]
    public void WithACatalog_ASampleAsLargeAsTheLargestSubset_IsTheFullData_AndTheSuiteIsPlannedInOrder()
    {
        using var temp = new TempDirectory();
        ScenarioFolder.Write(temp.Path);
        // The capitals quiz: subsets europe (2 instances) and america (3).
        var catalogPlanner = new RunPlanner(new QuickSample(3, 2, 1), ["missing", "capitals"], new ScenarioCatalog(temp.Path));
        var capitals = catalogPlanner.FirstStartScenarios().Single();

        Assert.Null(catalogPlanner.Plan(capitals, "gpt", ModelKinds.Causal, RunRequest.Quick).Plan!.SamplePerSubset);
        Assert.Equal(2, catalogPlanner.Plan(capitals, "gpt", ModelKinds.Causal, RunRequest.Exactly(null, 2, 0)).Plan!.SamplePerSubset);
        var suite = catalogPlanner.PlanSuite("bert", ModelKinds.Masked, quickSuite: true, ["test"]);
        Assert.Equal(NotApplicable.ModelKind, Assert.Single(suite).Rule);
        Assert.Empty(catalogPlanner.PlanSuite("gpt", ModelKinds.Causal, quickSuite: true, ["other group"]));
    }
}
