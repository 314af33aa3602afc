using Eval.Core.Metrics;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.TestKit;

namespace Eval.Core.Tests.Metrics;

/// <summary>
/// Degenerate models no longer look good unmarked: one that answers "No" to every HaluEval judgement (accuracy 0.5,
/// accept rate 1.0) and one that loops "I am not, I am not" on TruthfulQA are flagged; an ordinary one is not.
/// </summary>
public sealed class DegenerateBehaviourTests
{
    private static IReadOnlyList<StatSummary> Overall(ScenarioRun run) => run.Stats.Where(s => s.Level == StatLevel.Overall).ToList();

    private static string? FlagOf(ScenarioRun run) => DegenerateBehaviour.Flag(Overall(run).Select(s => (s.Metric, s.Mean, s.Count)));

    private static List<Instance> HaluEval(ScenarioDefinition scenario) =>
        InstanceReader.Read(scenario).GroupBy(i => i.Subset).SelectMany(g => g.Take(10)).ToList();

    [Fact]
    public async Task AlwaysNo_OnHaluEval_IsFlaggedAsTheSameAnswer()
    {
        var scenario = ScenarioRun.Load("halueval_qa");
        // "No, not hallucinated" to everything: right on every right answer, accepting every hallucinated one.
        var model = ScriptedLanguageModel.FromTable(new Dictionary<string, double> { ["Yes"] = -5.0, ["No"] = -1.0 });

        var run = await ScenarioRun.RunAsync(scenario, HaluEval(scenario), model);

        Assert.Equal(0.5, run.Overall("accuracy"));
        Assert.Equal(1.0, run.Overall("hallucinated_accept_rate"));
        Assert.Equal(1.0, run.Overall(AnswerConcentrationMetric.Id));
        Assert.Equal("degenerate: Same answer 100%", FlagOf(run));
    }

    [Fact]
    public async Task AnswersThatVary_AreNotFlagged()
    {
        var scenario = ScenarioRun.Load("halueval_qa");
        // Prefers "Yes" or "No" by the question's length: both answers come back.
        var model = ScriptedLanguageModel.FromLogProb(r => r.Continuation.Trim() == (r.Context.Length % 2 == 0 ? "Yes" : "No") ? -1.0 : -5.0);

        var run = await ScenarioRun.RunAsync(scenario, HaluEval(scenario), model);

        Assert.InRange(run.Overall(AnswerConcentrationMetric.Id), 0.5, 0.9);
        Assert.Null(FlagOf(run));
    }

    [Fact]
    public async Task ALoopingGeneration_OnTruthfulQa_IsFlaggedAsRepetition()
    {
        var scenario = ScenarioRun.Load("truthfulqa_gen");
        var instances = InstanceReader.Read(scenario).Take(10).ToList();
        var model = ScriptedLanguageModel.Completing(_ => " I am not, I am not, I am not, I am not");

        var run = await ScenarioRun.RunAsync(scenario, instances, model);

        // 12 words, 10 trigrams, 3 distinct: 1 - 3/10.
        Assert.Equal(0.7, run.Overall(RepetitionRateMetric.Id), 12);
        Assert.Equal("degenerate: Repetition 70%", FlagOf(run));
    }

    [Fact]
    public void Flag_NeedsEnoughInstances_AndNamesEveryReason()
    {
        Assert.Null(DegenerateBehaviour.Flag([(AnswerConcentrationMetric.Id, 1.0, 2)]));
        Assert.Equal("degenerate: Truncated prompts 80%, Same answer 96%",
            DegenerateBehaviour.Flag([("truncated", 0.8, 40), (AnswerConcentrationMetric.Id, 0.96, 40), ("accuracy", 1.0, 40)]));
    }
}
