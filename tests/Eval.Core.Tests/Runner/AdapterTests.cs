using Eval.Core.Adapters;
using Eval.Core.Metrics;
using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.TestKit;

namespace Eval.Core.Tests.Runner;

public sealed class AdapterTests
{
    private static readonly Instance Pair = new("p", "", [new Reference("The cats sleep.", true), new Reference("The cats sleeps.", false)], null);

    [Fact]
    public async Task MinimalPair_LengthNormalized_ComparesMeanLogProbPerToken_OnTheEotSpaceInput()
    {
        // Good: -6 over 3 tokens (-2 each); bad: -7 over 4 tokens (-1.75 each). Summed, good wins; per token, bad wins.
        var model = new ScriptedLanguageModel(r => r.Continuation == " The cats sleep." ? new LogLikelihoodResult(-6, 3, false)
            : new LogLikelihoodResult(-7, 4, false));

        var summed = await new MinimalPairAdapter(MinimalPairConventions.EotSpace).RespondAsync(model, [Pair]);
        var normalized = await new MinimalPairAdapter(MinimalPairConventions.LengthNormalized).RespondAsync(model, [Pair]);

        Assert.Equal(1.0, new MinimalPairAccuracyMetric().Score(Pair, summed[0].Responses));
        Assert.Equal(0.0, new MinimalPairAccuracyMetric().Score(Pair, normalized[0].Responses));
        Assert.Equal([-2.0, -1.75], normalized[0].Responses.Select(r => r.Score));
        Assert.All(model.Requests, r => Assert.StartsWith(" The", r.Continuation));
    }

    [Fact]
    public void MinimalPairAccuracy_CountsATieWrong()
    {
        Response[] responses = [Response.WithLogProb(-3.1), Response.WithLogProb(-3.1)];

        Assert.Equal(0.0, new MinimalPairAccuracyMetric().Score(Pair, responses));
    }

    [Fact]
    public async Task MultipleChoice_CharNormalized_DividesByTheAnswersLength()
    {
        var instance = new Instance("q", "Q: 2+2?\nA:", [new Reference("four", true), new Reference("4", false)], null);
        var model = ScriptedLanguageModel.FromTable(new Dictionary<string, double> { ["four"] = -8, ["4"] = -3 });

        var answered = await new MultipleChoiceSeparateAdapter(MultipleChoiceConventions.CharNormalized, " ").RespondAsync(model, [instance]);

        Assert.Equal([-2.0, -3.0], answered[0].Responses.Select(r => r.Score));
        Assert.Equal(1.0, new MultipleChoiceAccuracyMetric().Score(instance, answered[0].Responses));
    }

    [Fact]
    public async Task Runner_ScoresPerturbedVariants_AndReportsTheWorstCase()
    {
        using var temp = new TempDirectory();
        var folder = ScenarioFolder.Write(temp.Path, ScenarioFolder.WithLine("metrics:",
            "metrics: [accuracy, worst_case_accuracy, perturbation_gap]\nperturbations: [surnames]"));
        File.WriteAllText(Path.Combine(folder, "data", "questions.csv"),
            "country,capital,decoy,continent,hemisphere\nMrs Johnson's home,Paris,Lyon,europe,north\nSpain,Madrid,Toledo,europe,north\n");
        var scenario = ScenarioLoader.Load(folder);
        // Right on the original wording only: the perturbed question loses "Johnson".
        var model = ScriptedLanguageModel.FromLogProb(r =>
            r.Continuation.Trim() is "Paris" or "Madrid" ? (r.Context.Contains("Johnson") || r.Context.Contains("Spain") ? -1 : -5) : -2);

        var run = await ScenarioRun.RunAsync(scenario, InstanceReader.Read(scenario), model);

        Assert.Equal(1.0, run.Overall("accuracy"));
        Assert.Equal(0.5, run.Overall("worst_case_accuracy"));
        Assert.Equal(0.5, run.Overall("perturbation_gap"), 12);
        Assert.Equal(4, run.Results[0].Requests.Count);
        Assert.Equal([0, 1, 2, 3], run.Results[0].Requests.Select(r => r.Index));
        Assert.Equal(2, run.Results[1].Requests.Count);
    }
}
