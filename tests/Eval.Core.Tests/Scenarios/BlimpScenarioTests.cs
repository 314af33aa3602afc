using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Core.Tests.Scenarios;

/// <summary>BLiMP as CONTRACTS.md pins it: 67 paradigms, the paper's 12 phenomena, 67,000 pairs.</summary>
public sealed class BlimpScenarioTests
{
    private static readonly Lazy<(ScenarioDefinition Scenario, IReadOnlyList<Instance> Instances)> Blimp = new(() =>
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repo.Scenarios, "blimp"));
        return (scenario, InstanceReader.Read(scenario));
    });

    [Fact]
    public void Read_Gives67000Instances_In67Subsets()
    {
        var (scenario, instances) = Blimp.Value;

        Assert.Equal(67_000, instances.Count);
        Assert.Equal(67, instances.Select(i => i.Subset).Distinct().Count());
        Assert.Equal(67, scenario.Subsets.Count);
        Assert.All(instances.GroupBy(i => i.Subset), g => Assert.Equal(1000, g.Count()));
    }

    [Fact]
    public void Read_GroupsSubsetsIntoThePapers12Phenomena_WithSSelectionUnderArgumentStructure()
    {
        var instances = Blimp.Value.Instances;

        Assert.Equal(
            ["anaphor_agreement", "argument_structure", "binding", "control_raising", "determiner_noun_agreement", "ellipsis",
                "filler_gap_dependency", "irregular_forms", "island_effects", "npi_licensing", "quantifiers", "subject_verb_agreement"],
            instances.Select(i => i.SubsetGroup).Distinct().Order(StringComparer.Ordinal));
        Assert.All(instances.Where(i => i.Subset is "animate_subject_passive" or "animate_subject_trans"),
            i => Assert.Equal("argument_structure", i.SubsetGroup));
        Assert.Equal(9, instances.Where(i => i.SubsetGroup == "argument_structure").Select(i => i.Subset).Distinct().Count());
    }

    [Fact]
    public void Read_PutsTheGoodSentenceFirstAndMarksItCorrect()
    {
        var first = Blimp.Value.Instances.First(i => i.Id == "adjunct_island-0");

        Assert.Equal("", first.Input);
        Assert.True(first.References[0].IsCorrect);
        Assert.False(first.References[1].IsCorrect);
    }

    [Fact]
    public void Load_OffersHelmsLengthNormalizedConvention_BesideEotSpaceAndEotNoSpace_AndTheMaskedLmConventions()
    {
        Assert.Equal(["eot_space", "eot_nospace", "length_normalized", "pll", "pll_word_l2r"], Blimp.Value.Scenario.Conventions);
    }
}
