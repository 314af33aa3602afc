using Eval.Core.Adapters;
using Eval.Core.Metrics;
using Eval.Core.Metrics.Generation;
using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Data.Entities;

namespace Eval.Data.Queries;

/// <summary>
/// Reads an instance's stored responses back with the run's own scoring convention: which answer the model chose (the
/// argmax the metrics took: lm-eval's rule, first on ties, over the main choice set) and what each option scored.
/// The run page and Compare both read predictions through it, so they agree with the stats.
/// </summary>
public static class AnswerReader
{
    /// <summary>The convention's score of one response, or null where the scenario does not score log-likelihoods (generation).</summary>
    public static Func<Instance, int, LogLikelihoodResult, double>? ScoreOf(ScenarioDefinition? scenario, string convention)
    {
        if (scenario is null || !AdapterKind.TryGet(scenario.Adapter, out _) || !scenario.Conventions.Contains(convention))
            return null;
        return KnownAdapters.Create(scenario, convention) switch
        {
            MinimalPairAdapter pair => pair.Score,
            MultipleChoiceSeparateAdapter choice => choice.Score,
            _ => null,
        };
    }

    /// <summary>The choices the prediction is taken over: both sentences of a pair, or the first choice set.</summary>
    public static IReadOnlyList<int> MainChoices(ScenarioDefinition scenario, Instance instance) =>
        scenario.AdapterKind.EveryReferenceIsAChoice ? Enumerable.Range(0, instance.References.Count).ToList() : MultipleChoice.MainChoices(instance);

    /// <summary>
    /// The instance's options marked gold and chosen, from its responses (perturbed requests, stored after the
    /// instance's own, are left out); null when the responses do not match the instance (an efficiency run).
    /// </summary>
    public static InstanceAnswers? Read(ScenarioDefinition scenario, Instance instance, string convention, IReadOnlyList<ResponseEntity> responses)
    {
        var ordered = responses.OrderBy(r => r.RequestIndex).ToList();
        if (scenario.AdapterKind.Generates)
            return ordered.Count == 0 ? null : Generation(instance, ordered[0].Continuation);
        if (ScoreOf(scenario, convention) is not { } score || ordered.Count < instance.References.Count || instance.References.Count == 0)
            return null;

        var scored = instance.References.Select((_, i) =>
        {
            var r = ordered[i];
            return new Response(r.LogProb, r.TokenCount, r.IsGreedy, score(instance, i, new LogLikelihoodResult(r.LogProb, r.TokenCount, r.IsGreedy)));
        }).ToList();
        var chosen = MultipleChoice.Predicted(MainChoices(scenario, instance), scored);
        var pair = scenario.AdapterKind.ScoresSentences;
        var probability = new double?[scored.Count];
        if (!pair)
        {
            foreach (var set in instance.References.Select(r => r.Set).Distinct())
            {
                var choices = MultipleChoice.Choices(instance, set);
                var p = MultipleChoice.Probabilities(choices, scored);
                for (var k = 0; k < choices.Count; k++)
                    probability[choices[k]] = p[k];
            }
        }
        var options = instance.References.Select((reference, i) => new AnswerOption(i, reference.Text, reference.Set, reference.IsCorrect,
            i == chosen, scored[i].LogProb, scored[i].Score, probability[i], scored[i].TokenCount)).ToList();
        return new InstanceAnswers(pair ? AnswerKind.MinimalPair : AnswerKind.MultipleChoice, options);
    }

    /// <summary>The completion beside the references, each with its BLEU against it; the closest one (first on ties) marked.</summary>
    private static InstanceAnswers Generation(Instance instance, string completion)
    {
        var bleu = instance.References.Select(r => SentenceBleu.Score(completion, r.Text)).ToList();
        var closest = bleu.Count == 0 ? -1 : bleu.IndexOf(bleu.Max());
        var options = instance.References.Select((reference, i) => new AnswerOption(i, reference.Text, reference.Set, reference.IsCorrect,
            i == closest, Similarity: bleu[i])).ToList();
        return new InstanceAnswers(AnswerKind.Generation, options, completion);
    }
}
