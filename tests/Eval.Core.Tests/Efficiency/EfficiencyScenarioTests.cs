using Eval.Core.Efficiency;
using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Core.Tests.Efficiency;

/// <summary>The efficiency scenario's folder: settings read and checked, synthetic instances and prompts.</summary>
public sealed class EfficiencyScenarioTests
{
    private const string Yaml = """
        id: speed
        version: 1
        group: efficiency
        adapter: efficiency
        conventions: [greedy]
        efficiency: { prompt_lengths: [16, 128], generated_tokens: 8, warmup: 1, repeats: 3, seed: 5 }
        metrics: [parameters, ttft_ms_p50, decode_tokens_per_s]
        main_metric: decode_tokens_per_s
        """;

    private static string Write(TempDirectory temp, string yaml)
    {
        var folder = Path.Combine(temp.Path, "speed");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ScenarioLoader.FileName), yaml);
        return folder;
    }

    [Fact]
    public void RepositoryScenario_MeasuresThreeLengthsWithRepeats()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(Repo.Scenarios, "efficiency"));

        var spec = scenario.Efficiency!;
        Assert.Equal([16, 128, 512], spec.PromptLengths);
        Assert.Equal((32, 2, 2.0, 10, 0), (spec.GeneratedTokens, spec.Warmup, spec.WarmupSeconds, spec.Repeats, spec.Seed));
        Assert.Equal("efficiency", scenario.Group);
        Assert.Equal(30, InstanceReader.Read(scenario).Count);
    }

    [Fact]
    public void Load_ReadsSettings_AndMakesOneInstancePerLengthAndRepeat()
    {
        using var temp = new TempDirectory();
        var scenario = ScenarioLoader.Load(Write(temp, Yaml));

        var instances = InstanceReader.Read(scenario);

        Assert.Equal(8, scenario.Efficiency!.GeneratedTokens);
        Assert.Equal(5, scenario.Efficiency.Seed);
        Assert.Equal(["prompt_0016-01", "prompt_0016-02", "prompt_0016-03", "prompt_0128-01", "prompt_0128-02", "prompt_0128-03"],
            instances.Select(i => i.Id));
        Assert.Equal(["prompt_016", "prompt_016", "prompt_016", "prompt_128", "prompt_128", "prompt_128"], instances.Select(i => i.Subset));
        Assert.Equal("128", instances[3].Tag(EfficiencyInstances.PromptTokensTag));
    }

    [Theory]
    [InlineData("efficiency: { prompt_lengths: [16, 128], generated_tokens: 8, warmup: 1, repeats: 3, seed: 5 }", "", "efficiency")]
    [InlineData("efficiency: { prompt_lengths: [16, 128], generated_tokens: 8, warmup: 1, repeats: 3, seed: 5 }",
        "efficiency: { prompt_lengths: [16, 16], generated_tokens: 8, warmup: 1, repeats: 3 }", "efficiency.prompt_lengths")]
    [InlineData("efficiency: { prompt_lengths: [16, 128], generated_tokens: 8, warmup: 1, repeats: 3, seed: 5 }",
        "efficiency: { prompt_lengths: [0], generated_tokens: 8, warmup: 1, repeats: 3 }", "efficiency.prompt_lengths")]
    [InlineData("efficiency: { prompt_lengths: [16, 128], generated_tokens: 8, warmup: 1, repeats: 3, seed: 5 }",
        "efficiency: { prompt_lengths: [16], generated_tokens: 1, warmup: 1, repeats: 3 }", "efficiency.generated_tokens")]
    [InlineData("efficiency: { prompt_lengths: [16, 128], generated_tokens: 8, warmup: 1, repeats: 3, seed: 5 }",
        "efficiency: { prompt_lengths: [16], generated_tokens: 8, warmup: 1, repeats: 0 }", "efficiency.repeats")]
    [InlineData("efficiency: { prompt_lengths: [16, 128], generated_tokens: 8, warmup: 1, repeats: 3, seed: 5 }",
        "efficiency: { prompt_lengths: [16], generated_tokens: 8, warmup: 1, warmup_seconds: -1, repeats: 1 }", "efficiency.warmup_seconds")]
    [InlineData("conventions: [greedy]", "conventions: [greedy]\ndata: { files: x.csv, format: csv }", "data")]
    [InlineData("adapter: efficiency", "adapter: minimal_pair", "efficiency")]
    public void Load_NamesTheField_WhenSettingsAreWrong(string line, string replacement, string field)
    {
        using var temp = new TempDirectory();
        var folder = Write(temp, Yaml.Replace(line, replacement));

        var e = Assert.Throws<ScenarioDefinitionException>(() => ScenarioLoader.Load(folder));

        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void SyntheticPrompt_IsDeterministic_InTheVocabulary_AndHasNoEos()
    {
        var ids = SyntheticPrompt.Ids(500, seed: 0, vocabSize: 50, eosTokenId: 7);

        Assert.Equal(500, ids.Length);
        Assert.Equal(ids, SyntheticPrompt.Ids(500, 0, 50, 7));
        Assert.NotEqual(ids, SyntheticPrompt.Ids(500, 1, 50, 7));
        Assert.All(ids, id => Assert.InRange(id, 0, 49));
        Assert.DoesNotContain(7, ids);
    }

    [Theory]
    [InlineData(16, 32, 512, 16)]
    [InlineData(512, 32, 512, 480)]
    [InlineData(512, 32, 1024, 512)]
    [InlineData(16, 32, 20, 1)]
    public void SyntheticPrompt_IsCutToFitTheContext(int requested, int generated, int context, int expected)
    {
        Assert.Equal(expected, SyntheticPrompt.Fitted(requested, generated, context));
    }
}
