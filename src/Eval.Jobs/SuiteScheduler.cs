using Eval.Core.Planning;
using Eval.Core.Scenarios;
using Eval.Data.Entities;
using Eval.Jobs.Uploads;
using Microsoft.Extensions.Logging;

namespace Eval.Jobs;

/// <summary>
/// Queues a model's suite: the planner's run for each scenario of the chosen groups, in its queue order (the quick
/// suite on its seeded sample for the model's kind and the scenario, the full suite on every instance). A scenario the
/// planner says does not apply (a masked LM on generation) is skipped with its reason. Runs already there are kept;
/// failed or cancelled ones are queued again (RunScheduler), so this is also "retry".
/// </summary>
public sealed class SuiteScheduler(ScenarioCatalog catalog, RunScheduler scheduler, RunPlanner planner, ILogger<SuiteScheduler> logger)
{
    public IReadOnlyList<string> Groups => catalog.All.Select(s => s.Group).Distinct().Order(StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<RunEntity>> ScheduleAsync(ModelEntity model, string suite, IReadOnlyCollection<string> groups,
        CancellationToken cancellationToken = default)
    {
        var runs = new List<RunEntity>();
        foreach (var decision in planner.PlanSuite(model.Name, StoredModelKind.Of(model), suite != SuiteNames.Full, groups))
        {
            if (decision.Plan is { } plan)
                runs.Add(await scheduler.ScheduleAsync(model, plan, cancellationToken));
            else
                logger.LogWarning("{Model} is not run on {Scenario}: {Reason}", model.Name, decision.Scenario.Id, decision.Reason);
        }
        return runs;
    }

    /// <summary>The model's groups as stored at upload (comma-separated), or every group when none were chosen.</summary>
    public IReadOnlyList<string> GroupsOf(ModelEntity model) =>
        string.IsNullOrWhiteSpace(model.Groups) ? Groups : model.Groups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
