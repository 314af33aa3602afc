using Eval.Core.Scenarios;
using Eval.Data.Queries;

namespace Eval.Web.Tests;

/// <summary>
/// The answers the run page marks, read back from real runs of gpt-nano-bpe4k: the model's pick is the gold answer
/// exactly where the stored stat counts the instance right, and the figures shown add up to the stored ones.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class RunAnswersTests
{
    private static async Task<List<(InstanceView View, InstanceAnswers Answers)>> AnswersAsync(EvalWebFactory factory, Eval.Data.Entities.RunEntity run, string metric)
    {
        var catalog = factory.Services.GetRequiredService<ScenarioCatalog>();
        var page = await factory.Services.GetRequiredService<RunQuery>().InstancesAsync(run.Id, new InstanceFilter(Metric: metric, PageSize: 500));
        Assert.Equal(run.Done, page.Total);
        return page.Items.Select(v => (v, AnswerReader.Read(catalog.Get(run.ScenarioId), catalog.FindInstance(run.ScenarioId, v.InstanceId)!, run.Convention, v.Responses)!))
            .ToList();
    }

    [Fact]
    public async Task Blimp_PickIsGoldExactlyWhereAccuracyIsOne_AndTheDifferenceIsPositiveThere()
    {
        using var factory = new EvalWebFactory();
        factory.StartRealServer();
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k");

        var all = await AnswersAsync(factory, run, "accuracy");

        Assert.Equal(67, all.Count);
        foreach (var (view, answers) in all)
        {
            Assert.Equal(AnswerKind.MinimalPair, answers.Kind);
            Assert.Equal([true, false], answers.Options.Select(o => o.IsGold));
            Assert.Equal(1, answers.Options.Count(o => o.IsChosen));
            var right = view.Stats["accuracy"] == 1;
            Assert.Equal(right, answers.Options[0].IsChosen);
            Assert.Equal(right, answers.PairDifference > 0);
            Assert.Equal(view.Responses[0].LogProb - view.Responses[1].LogProb, answers.PairDifference);
        }
        // Both outcomes occur, so the equalities above are not all one way.
        Assert.Contains(all, a => a.View.Stats["accuracy"] == 1);
        Assert.Contains(all, a => a.View.Stats["accuracy"] == 0);
    }

    [Fact]
    public async Task TruthfulQaMc_Mc1PickIsGoldExactlyWhereMc1IsOne_AndTheTrueAnswersProbabilitiesSumToMc2()
    {
        using var factory = new EvalWebFactory();
        using var client = new HttpClient { BaseAddress = factory.StartRealServer() };
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k", 12, "truthfulqa_mc");

        var all = await AnswersAsync(factory, run, "mc1");

        Assert.Equal(12, all.Count);
        foreach (var (view, answers) in all)
        {
            Assert.Equal(["mc1", "mc2"], answers.Sets);
            var mc1 = answers.Options.Where(o => o.Set == "mc1").ToList();
            var mc2 = answers.Options.Where(o => o.Set == "mc2").ToList();
            Assert.Single(mc1, o => o.IsGold);
            Assert.Single(mc1, o => o.IsChosen);
            Assert.DoesNotContain(mc2, o => o.IsChosen);
            Assert.Equal(view.Stats["mc1"] == 1, mc1.Single(o => o.IsChosen).IsGold);
            Assert.Equal(view.Stats["mc2"], mc2.Where(o => o.IsGold).Sum(o => o.Probability!.Value), 12);
            Assert.Equal(1.0, mc1.Sum(o => o.Probability!.Value), 12);
            Assert.Equal(view.Responses.Select(r => (double?)r.LogProb), answers.Options.Select(o => o.LogProb));
        }
        Assert.Contains(all, a => a.View.Stats["mc1"] == 1);
        Assert.Contains(all, a => a.View.Stats["mc1"] == 0);
        // The served page marks them: one pick and the two captioned sets per instance shown.
        var html = await client.GetStringAsync($"/runs/{run.Id}");
        Assert.Equal(12, System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"mark-chosen\"").Count);
        Assert.Equal(24, System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"answer-set\"").Count);
    }

    [Fact]
    public async Task TruthfulQaGen_ShowsTheStoredCompletion_AndTheBestTrueReferencesBleuIsBleuMax()
    {
        using var factory = new EvalWebFactory();
        factory.StartRealServer();
        var run = await WebHostTests.RunSmallBlimpAsync(factory, "gpt-nano-bpe4k", 3, "truthfulqa_gen");

        var all = await AnswersAsync(factory, run, "bleu_acc");

        Assert.Equal(3, all.Count);
        foreach (var (view, answers) in all)
        {
            Assert.Equal(AnswerKind.Generation, answers.Kind);
            Assert.Equal(view.Responses.Single().Continuation, answers.Completion);
            Assert.Equal(view.Stats["bleu_max"], answers.Options.Where(o => o.IsGold).Max(o => o.Similarity!.Value));
            var bestFalse = answers.Options.Where(o => !o.IsGold).Max(o => o.Similarity!.Value);
            Assert.Equal(view.Stats["bleu_diff"], view.Stats["bleu_max"] - bestFalse, 9);
            Assert.Single(answers.Options, o => o.IsChosen);
        }
    }
}
