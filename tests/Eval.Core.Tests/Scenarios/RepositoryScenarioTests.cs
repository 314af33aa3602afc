using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Core.Tests.Scenarios;

/// <summary>Every scenario folder of the repository loads, and reads the instances its README promises.</summary>
public sealed class RepositoryScenarioTests
{
    public static TheoryData<string, int, int> Counts => new()
    {
        { "truthfulqa_mc", 817, 0 },
        { "truthfulqa_gen", 817, 0 },
        { "halueval_qa", 2000, 2 },
        { "crows_pairs", 1508, 9 },
        { "bbq", 11956, 6 },
        { "winogender", 720, 3 },
        { "winobias", 3168, 4 },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void Read_GivesEveryInstance_ForEachScenario(string id, int instances, int subsets)
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repo.Scenarios, id));

        var read = InstanceReader.Read(scenario);

        Assert.Equal(instances, read.Count);
        Assert.Equal(subsets, read.Select(i => i.Subset).OfType<string>().Distinct().Count());
    }

    [Fact]
    public void Catalog_LoadsEveryScenarioFolder()
    {
        var catalog = new ScenarioCatalog(Repo.Scenarios);

        Assert.Equal(
            ["bbq", "blimp", "crows_pairs", "efficiency", "halueval_qa", "truthfulqa_gen", "truthfulqa_mc", "winobias", "winogender"],
            catalog.All.Select(s => s.Id).Order(StringComparer.Ordinal));
    }
}
