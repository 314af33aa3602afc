using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Core.Tests.Scenarios;

/// <summary>A bad scenario.yaml stops loading with a ScenarioDefinitionException naming the file and the field.</summary>
public sealed class ScenarioLoaderTests
{
    [Fact]
    public void Load_Succeeds_WhenFolderIsValid()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path);

        var scenario = ScenarioLoader.Load(folder);

        Assert.Equal("capitals", scenario.Id);
        Assert.Equal("sum", scenario.DefaultConvention);
        Assert.Equal("Q: What is the capital of Italy?\nA: Rome\n\n", scenario.Prompt.Preamble);
    }

    [Theory]
    [InlineData("adapter:", "adapter")]
    [InlineData("main_metric:", "main_metric")]
    [InlineData("group:", "group")]
    [InlineData("version:", "version")]
    [InlineData("data:", "data")]
    public void Load_NamesFileAndField_WhenFieldIsMissing(string line, string field)
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, ScenarioFolder.WithLine(line, null));

        var e = Assert.Throws<ScenarioDefinitionException>(() => ScenarioLoader.Load(folder));

        Assert.Equal(Path.Combine(folder, "scenario.yaml"), e.File);
        Assert.Equal(field, e.Field);
        Assert.Contains(Path.Combine(folder, "scenario.yaml"), e.Message);
        Assert.Contains($"'{field}'", e.Message);
    }

    [Fact]
    public void Load_NamesAdapter_WhenAdapterIsUnknown()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, ScenarioFolder.WithLine("adapter:", "adapter: telepathy"));

        var e = Assert.Throws<ScenarioDefinitionException>(() => ScenarioLoader.Load(folder));

        Assert.Equal("adapter", e.Field);
        Assert.Contains("telepathy", e.Message);
    }

    [Fact]
    public void Load_NamesMetrics_WhenMetricIsUnknown()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, ScenarioFolder.WithLine("metrics:", "metrics: [accuracy, vibes]"));

        var e = Assert.Throws<ScenarioDefinitionException>(() => ScenarioLoader.Load(folder));

        Assert.Equal("metrics", e.Field);
        Assert.Contains("vibes", e.Message);
    }

    [Fact]
    public void Load_NamesDataFiles_WhenDataFileIsMissing()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, withData: false);

        var e = Assert.Throws<ScenarioDefinitionException>(() => ScenarioLoader.Load(folder));

        Assert.Equal(Path.Combine(folder, "scenario.yaml"), e.File);
        Assert.Equal("data.files", e.Field);
    }

    [Fact]
    public void Load_NamesTransformFile_WhenTransformFileIsMissing()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, ScenarioFolder.WithLine("data:",
            "data: { files: data/questions.csv, format: csv, transform: { name: winogender, occupation_stats: data/nope.tsv } }"));

        var e = Assert.Throws<ScenarioDefinitionException>(() => ScenarioLoader.Load(folder));

        Assert.Equal("data.transform.occupation_stats", e.Field);
        Assert.Contains("nope.tsv", e.Message);
    }

    [Fact]
    public void Load_NamesPreambleFile_WhenPreambleFileIsMissing()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, ScenarioFolder.WithLine("  preamble:", "  preamble_file: data/instruction.txt"));

        var e = Assert.Throws<ScenarioDefinitionException>(() => ScenarioLoader.Load(folder));

        Assert.Equal("prompt.preamble_file", e.Field);
    }

    [Fact]
    public void Load_NamesMetrics_WhenMetricNeedsATagTheScenarioLacks()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, ScenarioFolder.WithLine("metrics:", "metrics: [accuracy, acc_ambiguous]"));

        var e = Assert.Throws<ScenarioDefinitionException>(() => ScenarioLoader.Load(folder));

        Assert.Equal("metrics", e.Field);
        Assert.Contains("context_condition", e.Message);
    }

    [Fact]
    public void Load_NamesConventions_WhenAdapterHasNoSuchConvention()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, ScenarioFolder.WithLine("adapter:", "adapter: multiple_choice_separate\nconventions: [eot_space]"));

        var e = Assert.Throws<ScenarioDefinitionException>(() => ScenarioLoader.Load(folder));

        Assert.Equal("conventions", e.Field);
    }

    [Fact]
    public void Load_NamesTheField_WhenYamlHasAnUnknownField()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, ScenarioFolder.WithLine("group:", "group: test\ncolour: blue"));

        var e = Assert.Throws<ScenarioDefinitionException>(() => ScenarioLoader.Load(folder));

        Assert.Equal("colour", e.Field);
    }

    [Fact]
    public void Read_NamesInstanceInput_WhenTemplateNamesAFieldTheDataLacks()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, ScenarioFolder.WithLine("  input:", "  input: \"Q: {nation}?\""));
        var scenario = ScenarioLoader.Load(folder);

        var e = Assert.Throws<ScenarioDefinitionException>(() => InstanceReader.Read(scenario));

        Assert.Equal("instance.input", e.Field);
        Assert.Contains("nation", e.Message);
    }

    [Fact]
    public void Read_NamesInstanceId_WhenTwoInstancesShareAnId()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, ScenarioFolder.WithLine("  id:", "  id: \"{continent}\""));
        var scenario = ScenarioLoader.Load(folder);

        var e = Assert.Throws<ScenarioDefinitionException>(() => InstanceReader.Read(scenario));

        Assert.Equal("instance.id", e.Field);
    }
}
