using Eval.Core.Adapters;
using Eval.Core.Metrics;
using Eval.Core.Models;
using Eval.Core.Runner;
using Eval.Core.Scenarios;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>
/// Every instance's prediction of a finished run, keyed by (instance id, subset), read back from its stored responses
/// with the run's own scoring convention: the argmax the metrics took (lm-eval's rule, first on ties, over the main
/// choice set for multiple choice), or the greedy completion for a scenario that generates.
/// </summary>
public static class RunPredictions
{
    public static async Task<IReadOnlyDictionary<(string InstanceId, string? Subset), InstancePrediction>> LoadAsync(EvalDbContext db, RunEntity run,
        ScenarioCatalog catalog, CancellationToken cancellationToken)
    {
        var scenario = catalog.TryGet(run.ScenarioId, out var found) ? found : null;
        var score = AnswerReader.ScoreOf(scenario, run.Convention);
        var scored = score is not null;

        // Only the columns a prediction needs: a full BLiMP run has 134,000 responses.
        var responses = await db.Responses.AsNoTracking().Where(r => r.RunId == run.Id)
            .Select(r => new { r.InstanceId, r.Subset, r.RequestIndex, r.LogProb, r.TokenCount, r.IsGreedy, Continuation = scored ? null : r.Continuation })
            .ToListAsync(cancellationToken);
        var stats = (await db.InstanceStats.AsNoTracking().Where(s => s.RunId == run.Id)
            .Select(s => new { s.InstanceId, s.Subset, s.Metric, s.Value }).ToListAsync(cancellationToken))
            .ToLookup(s => (s.InstanceId, s.Subset));

        var result = new Dictionary<(string, string?), InstancePrediction>();
        foreach (var group in responses.GroupBy(r => (r.InstanceId, r.Subset)))
        {
            var ordered = group.OrderBy(r => r.RequestIndex).ToList();
            var instanceStats = stats[group.Key].ToDictionary(s => s.Metric, s => s.Value);
            double? correct = instanceStats.TryGetValue(Core.Metrics.KnownMetrics.Accuracy, out var a) ? a : null;
            int choice;
            string answer;
            if (score is not null && catalog.FindInstance(scenario!.Id, group.Key.InstanceId) is { } instance && ordered.Count == instance.References.Count)
            {
                var asResponses = ordered.Select((r, i) =>
                {
                    var result = new LogLikelihoodResult(r.LogProb, r.TokenCount, r.IsGreedy);
                    return new Response(r.LogProb, r.TokenCount, r.IsGreedy, score(instance, i, result));
                }).ToList();
                choice = MultipleChoice.Predicted(AnswerReader.MainChoices(scenario!, instance), asResponses);
                answer = instance.References[choice].Text;
            }
            else
            {
                choice = -1;
                answer = string.Join(" | ", ordered.Where(r => r.IsGreedy || !scored).Select(r => r.Continuation ?? ""));
            }
            result[group.Key] = new InstancePrediction(group.Key.InstanceId, group.Key.Subset, choice, answer, correct, instanceStats);
        }
        return result;
    }
}
