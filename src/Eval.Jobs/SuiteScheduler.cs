using Eval.Core.Models;
using Eval.Core.Scenarios;
using Eval.Data.Entities;
using Eval.Jobs.Options;
using Eval.Jobs.Uploads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Eval.Jobs;

/// <summary>
/// Queues a model's suite: one run per scenario of the chosen groups, the quick suite on the seeded sample of
/// Eval:Suites:Quick (the smaller masked sample for a masked LM, the generation cap for a generation scenario), the full suite on every instance. Runs already
/// there are kept; failed or cancelled ones are queued again (RunScheduler), so this is also "retry".
/// </summary>
public sealed class SuiteScheduler(ScenarioCatalog catalog, RunScheduler scheduler, IOptions<QuickSuiteOptions> quick, ILogger<SuiteScheduler> logger)
{
    public IReadOnlyList<string> Groups => catalog.All.Select(s => s.Group).Distinct().Order(StringComparer.Ordinal).ToList();

    public async Task<IReadOnlyList<RunEntity>> ScheduleAsync(ModelEntity model, string suite, IReadOnlyCollection<string> groups,
        CancellationToken cancellationToken = default)
    {
        var runs = new List<RunEntity>();
        // The first start's order (BLiMP first, the slow generation last), then any scenario it does not list, by id.
        var order = quick.Value.ScenarioIds().ToList();
        foreach (var scenario in catalog.All.Where(s => groups.Contains(s.Group))
                     .OrderBy(s => order.IndexOf(s.Id) is var i and >= 0 ? i : int.MaxValue).ThenBy(s => s.Id, StringComparer.Ordinal))
        {
            int? sample = suite == SuiteNames.Full ? null : quick.Value.SampleFor(scenario, model.Kind == ModelKinds.Masked);
            try
            {
                runs.Add(await scheduler.ScheduleAsync(model, scenario.Id, null, sample, 0, cancellationToken));
            }
            catch (ArgumentException e)
            {
                // A scenario with no convention for this kind of model (e.g. a masked LM on generation) is skipped, not failed.
                logger.LogWarning("{Model} is not run on {Scenario}: {Reason}", model.Name, scenario.Id, e.Message);
            }
        }
        return runs;
    }

    /// <summary>The model's groups as stored at upload (comma-separated), or every group when none were chosen.</summary>
    public IReadOnlyList<string> GroupsOf(ModelEntity model) =>
        string.IsNullOrWhiteSpace(model.Groups) ? Groups : model.Groups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
