using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.TestKit;

namespace Eval.Core.Tests.Runner;

/// <summary>A benchmark added as data and YAML only, in a folder this test writes, runs end to end.</summary>
public sealed class NewScenarioTests
{
    [Fact]
    public async Task ScenarioFromDataAndYamlOnly_LoadsAndRunsEndToEnd()
    {
        using var temp = new TempDirectory();
        ScenarioFolder.Write(temp.Path);
        var catalog = new ScenarioCatalog(temp.Path);
        var scenario = catalog.Get("capitals");
        // The capital is likely, except for Chile, where the model prefers the decoy.
        var model = ScriptedLanguageModel.FromTable(new Dictionary<string, double>
        {
            ["Paris"] = -1, ["Lyon"] = -3, ["Madrid"] = -1, ["Barcelona, Catalonia"] = -2,
            ["Lima"] = -1, ["Cusco"] = -4, ["Santiago"] = -3, ["Valparaiso"] = -1, ["Ottawa"] = -2, ["Toronto"] = -2,
        });

        var run = await ScenarioRun.RunAsync(scenario, catalog.Instances("capitals"), model);

        Assert.Equal("Q: What is the capital of Italy?\nA: Rome\n\nQ: What is the capital of France?\nA:", model.Requests[0].Context);
        Assert.Equal(" Paris", model.Requests[0].Continuation);
        Assert.Equal(" Barcelona, Catalonia", model.Requests[3].Continuation);
        // Right: France, Spain, Peru, Canada (a tie: the first, the capital, wins); wrong: Chile.
        Assert.Equal(0.8, run.Overall("accuracy"), 12);
        Assert.Equal(1.0, run.Of(StatLevel.Subset, "europe", "accuracy"));
        Assert.Equal(2.0 / 3.0, run.Of(StatLevel.Subset, "america", "accuracy"), 12);
        // Confidences (softmax of the two scores): Canada .5 (right), Spain e/(1+e) (right), France and Chile both
        // e^2/(1+e^2) (right, wrong), Peru e^3/(1+e^3) (right). Five bins of one, but France and Chile share an edge,
        // so they share a bin: accuracy .5 there.
        var spain = Math.E / (1 + Math.E);
        var high = Math.Exp(2) / (1 + Math.Exp(2));
        var peru = Math.Exp(3) / (1 + Math.Exp(3));
        var ece = (0.5 + (1 - spain) + 2 * Math.Abs(high - 0.5) + (1 - peru)) / 5;
        Assert.Equal(ece, run.Overall("ece_10_bin"), 12);
        // selective_acc_10: int(0.1 * 5) + 1 = 1 most confident, Peru, right.
        Assert.Equal(1.0, run.Overall("selective_acc_10"));
        Assert.True(run.Stats.Single(s => s.Level == StatLevel.Overall && s.Metric == "ece_10_bin").CorpusLevel);
        Assert.Equal("north", catalog.Instances("capitals")[0].Tag("hemisphere"));
    }
}
