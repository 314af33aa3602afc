using Eval.Core.Metrics;
using Eval.Core.Adapters;
using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Eval.Data.Queries;

/// <summary>
/// Builds a group's leaderboard: per model and scenario, the finished run (its kind's default convention) with the most
/// instances, then the newest (CONTRACTS.md); columns are the scenario's overall metric and its subset groups.
/// </summary>
public sealed class LeaderboardQuery(IDbContextFactory<EvalDbContext> dbFactory, ScenarioCatalog catalog)
{
    public const string SummaryGroup = "summary";
    public const string MeanWinRateColumn = "mean_win_rate";
    public const string MeanScoreColumn = "mean_score";

    // The catalog does not change while the host runs, so neither do the groups nor their columns: computed once
    // (BLiMP's subset groups come from all 67,000 instances, too much work for every page view).
    private IReadOnlyList<string> ScenarioGroups => scenarioGroups ??= catalog.All.Select(s => s.Group).Distinct().Order(StringComparer.Ordinal).ToList();
    private IReadOnlyList<string>? scenarioGroups;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<LeaderboardColumn>> columnsByGroup = new();

    /// <summary>The group the leaderboard opens on: BLiMP's, every model's first run; else the first group.</summary>
    public string DefaultGroup => Groups.FirstOrDefault(g => g == KnownScenarios.BlimpGroup) ?? Groups.FirstOrDefault() ?? KnownScenarios.BlimpGroup;

    /// <summary>The scenario groups, then the summary (mean win rate across groups) when there is more than one.</summary>
    public IReadOnlyList<string> Groups => ScenarioGroups.Count > 1 ? [.. ScenarioGroups, SummaryGroup] : ScenarioGroups;

    /// <summary>
    /// A group of one scenario with subset groups (BLiMP): its main metric overall and per subset group. Otherwise
    /// every metric of every scenario, overall ("scenario.metric"). Each table ends with the row's mean win rate.
    /// </summary>
    public IReadOnlyList<LeaderboardColumn> Columns(string group) =>
        ScenarioGroups.Contains(group) ? columnsByGroup.GetOrAdd(group, ColumnsOf) : []; // Only known groups are kept.

    private IReadOnlyList<LeaderboardColumn> ColumnsOf(string group)
    {
        var scenarios = catalog.All.Where(s => s.Group == group).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        var columns = new List<LeaderboardColumn>();
        if (scenarios.Count == 1 && scenarios[0].SubsetGroups is not null)
        {
            var scenario = scenarios[0];
            columns.Add(Column(StatLevel.Overall, "Overall", scenario.MainMetric, scenario, StatLevel.Overall, StatLevel.Overall));
            foreach (var g in catalog.Instances(scenario.Id).Select(i => i.SubsetGroup).OfType<string>().Distinct().Order(StringComparer.Ordinal))
                columns.Add(Column(g, Label(g), scenario.MainMetric, scenario, StatLevel.SubsetGroup, g));
        }
        else
        {
            foreach (var scenario in scenarios)
                // Bookkeeping (truncated prompts, generations cut short) is shown on the run page, not ranked.
                foreach (var metric in scenario.Metrics.Where(m => MetricSpecs.Get(m).Visibility == MetricVisibility.Result))
                    columns.Add(Column($"{scenario.Id}.{metric}", $"{scenario.DisplayName} {MetricSpecs.Get(metric).LabelWithUnit}", metric, scenario,
                        StatLevel.Overall, StatLevel.Overall));
        }
        return columns;
    }

    private static LeaderboardColumn Column(string id, string label, string metric, ScenarioDefinition scenario, string level, string key)
    {
        var spec = MetricSpecs.Get(metric);
        return new LeaderboardColumn(id, label, metric, spec.LowerIsBetter, scenario.Id, level, key, spec.Ideal,
            NeedsContinuation: !scenario.AdapterKind.Accepts(Core.Models.ModelKind.Masked), Measured: scenario.AdapterKind.IsMeasurement,
            IsMain: metric == scenario.MainMetric, ScenarioName: scenario.DisplayName);
    }

    private static LeaderboardColumn Computed(string id, string label) => new(id, label, id, false, "", StatLevel.Overall, id);

    public async Task<LeaderboardTable?> GetAsync(string group, CancellationToken cancellationToken = default)
    {
        if (group == SummaryGroup && Groups.Contains(SummaryGroup))
            return await SummaryAsync(cancellationToken);
        var columns = Columns(group);
        if (columns.Count == 0)
            return null;
        var table = await ValuesAsync(group, columns, await SnapshotAsync(cancellationToken), cancellationToken);
        return WithWinRate(table, MeanWinRateColumn, "Mean win rate");
    }

    /// <summary>
    /// Per group, the row's mean win rate in that group; then their mean, and the mean score: the mean of the scenarios'
    /// main metrics whose spec says they may be averaged (fractions where higher is better; BLEU's 0-100, tokens/s and
    /// closest-to-ideal figures are not). A row missing a group or a score is marked incomplete, never silently averaged
    /// over what it has.
    /// </summary>
    private async Task<LeaderboardTable> SummaryAsync(CancellationToken cancellationToken)
    {
        var tables = new List<LeaderboardTable>();
        var snapshot = await SnapshotAsync(cancellationToken);
        foreach (var g in ScenarioGroups)
            tables.Add(WithWinRate(await ValuesAsync(g, Columns(g), snapshot, cancellationToken), MeanWinRateColumn, "Mean win rate"));
        var columns = ScenarioGroups.Select(g => Computed(g, GroupLabel(g) + " win rate")).ToList();
        var rows = tables[0].Rows.Select(row =>
        {
            var values = new Dictionary<string, LeaderboardCell>();
            for (var i = 0; i < tables.Count; i++)
                if (tables[i].Rows.First(r => r.ModelId == row.ModelId).Values.TryGetValue(MeanWinRateColumn, out var cell))
                    values[ScenarioGroups[i]] = cell;
            var scored = tables.SelectMany(t => t.Columns.Where(c => c.IsMain && c.Level == StatLevel.Overall && c.Spec?.Averageable == true)
                    .Select(c => t.Rows.First(r => r.ModelId == row.ModelId).Values.TryGetValue(c.Id, out var v) ? v : null))
                .ToList();
            var mainScores = scored.OfType<LeaderboardCell>().Select(c => c.Value).ToList();
            if (values.Count > 0)
            {
                var mean = values.Values.Average(v => v.Value);
                values[MeanWinRateColumn] = new LeaderboardCell(mean, mean, mean, null, null, values.Count,
                    Flag: FlagOf(Incomplete(values.Count, ScenarioGroups.Count, "groups"), values.Values.Any(v => v.Flag?.Contains(DegenerateInputs) == true)));
            }
            if (mainScores.Count > 0)
                values[MeanScoreColumn] = new LeaderboardCell(mainScores.Average(), mainScores.Average(), mainScores.Average(), null, null, mainScores.Count,
                    Flag: FlagOf(Incomplete(mainScores.Count, scored.Count, "main scores"), scored.Any(c => c?.Flag is not null)));
            return row with { Values = values };
        }).ToList();
        columns.Add(Computed(MeanWinRateColumn, "Mean win rate"));
        columns.Add(Computed(MeanScoreColumn, "Mean score"));
        return new LeaderboardTable(SummaryGroup, columns, rows);
    }

    private const string DegenerateInputs = "includes degenerate results";

    private static string? Incomplete(int has, int of, string what) => has < of ? $"incomplete: {has} of {of} {what}" : null;

    private static string? FlagOf(string? incomplete, bool degenerate) =>
        incomplete is not null && degenerate ? $"{incomplete}; {DegenerateInputs}" : incomplete ?? (degenerate ? DegenerateInputs : null);

    /// <summary>
    /// Adds HELM's mean win rate over the table's columns (closest-to-ideal columns ranked by distance). Rows with
    /// measured (efficiency) figures are ranked only against rows measured on the same hardware: a model measured on
    /// a GPU never "beats" one measured on two CPU cores. The page says so.
    /// </summary>
    private static LeaderboardTable WithWinRate(LeaderboardTable table, string id, string label)
    {
        // Where a table breaks its main metric down by subset group (BLiMP), the Overall column summarizes the others:
        // ranking it too would count the same results twice.
        var ranked = table.Columns.Where(c => !c.IsComputed).ToList();
        if (ranked.Any(c => c.Level == StatLevel.SubsetGroup))
            ranked = ranked.Where(c => c.Level == StatLevel.SubsetGroup).ToList();
        var cells = table.Rows.Select(r => ranked.Select(c => r.Values.GetValueOrDefault(c.Id)).ToList()).ToList();
        var values = cells.Select(row => (IReadOnlyList<double?>)row.Select((v, c) => v is null ? (double?)null : ranked[c].RankValue(v.Value)).ToList()).ToList();
        var directions = ranked.Select(c => c.LowerIsBetter).ToList();
        var rates = new double?[table.Rows.Count];
        foreach (var sameHardware in Enumerable.Range(0, table.Rows.Count).GroupBy(i => table.HardwareOf(table.Rows[i]) ?? ""))
        {
            var members = sameHardware.ToList();
            // Measured figures too close to rank apart (their spreads, widened by load, overlap) count as ties.
            var partial = MeanWinRate.Compute(members.Select(i => values[i]).ToList(), directions,
                (c, r, o) => ranked[c].Measured && ranked[c].Ties(cells[members[r]][c]!, cells[members[o]][c]!));
            for (var k = 0; k < members.Count; k++)
                rates[members[k]] = partial[k];
        }
        var rows = table.Rows.Select((r, i) =>
        {
            if (rates[i] is not { } rate)
                return r;
            var flag = r.Values.Values.Any(v => v.Flag is not null) ? DegenerateInputs : null;
            var values = new Dictionary<string, LeaderboardCell>(r.Values) { [id] = new LeaderboardCell(rate, rate, rate, null, null, ranked.Count, Flag: flag) };
            return r with { Values = values };
        }).ToList();
        return new LeaderboardTable(table.Group, [.. table.Columns, Computed(id, label)], rows);
    }

    /// <summary>The models shown (read every time: a handful of rows) and the stamp of the finished runs.</summary>
    private sealed record Snapshot(IReadOnlyList<ModelEntity> Models, FinishedRunsStamp Runs);

    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // A rejected upload can never be evaluated: it has no row.
        var models = await db.Models.AsNoTracking().Where(m => m.Status != ModelStatus.Rejected).OrderBy(m => m.Name).ToListAsync(cancellationToken);
        return new Snapshot(models, await FinishedRunsStamp.ReadAsync(db, cancellationToken));
    }

    private async Task<LeaderboardTable> ValuesAsync(string group, IReadOnlyList<LeaderboardColumn> columns, Snapshot snapshot,
        CancellationToken cancellationToken)
    {
        var cells = await CellsAsync(group, columns, snapshot.Runs, cancellationToken);
        var rows = snapshot.Models.Select(model => new LeaderboardRow(model.Name, model.Id, model.Architecture, model.Parameters,
            model.TokenizerKind, cells.GetValueOrDefault(model.Id) ?? new Dictionary<string, LeaderboardCell>(), model.Kind,
            model.Family, model.Checkpoint)).ToList();
        return new LeaderboardTable(group, columns, rows);
    }

    // Per group, the cells of the finished runs as of a stamp: they change only when a run finishes (or goes), so every
    // page view in between reuses them instead of reading the runs and their stats again.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (FinishedRunsStamp Stamp,
        IReadOnlyDictionary<long, IReadOnlyDictionary<string, LeaderboardCell>> Cells)> cellsByGroup = new();

    private async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, LeaderboardCell>>> CellsAsync(string group,
        IReadOnlyList<LeaderboardColumn> columns, FinishedRunsStamp stamp, CancellationToken cancellationToken)
    {
        if (cellsByGroup.TryGetValue(group, out var cached) && cached.Stamp == stamp)
            return cached.Cells;
        var cells = await ReadCellsAsync(columns, cancellationToken);
        cellsByGroup[group] = (stamp, cells);
        return cells;
    }

    private async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<string, LeaderboardCell>>> ReadCellsAsync(
        IReadOnlyList<LeaderboardColumn> columns, CancellationToken cancellationToken)
    {
        var scenarioIds = columns.Select(c => c.ScenarioId).Distinct().ToList();
        // Each kind's default: eot_space for causal LMs, pll for masked ones (a pll run can only be a masked LM's).
        var defaults = scenarioIds.ToDictionary(id => id, id => ModelConventions.Defaults(catalog.Get(id)));

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Only the columns the choice needs: a busy site has thousands of runs.
        var runs = await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Finished && scenarioIds.Contains(r.ScenarioId))
            .Select(r => new { r.Id, r.ModelId, r.ScenarioId, r.Convention, r.Done, r.FinishedAt, r.SamplePerSubset, r.Hardware })
            .ToListAsync(cancellationToken);
        var chosen = runs
            .Where(r => defaults[r.ScenarioId].Contains(r.Convention))
            .GroupBy(r => (r.ModelId, r.ScenarioId))
            .Select(g => g.OrderByDescending(r => r.Done).ThenByDescending(r => r.FinishedAt).ThenByDescending(r => r.Id).First())
            .ToList();
        var runIds = chosen.Select(r => r.Id).ToList();
        var stats = await db.RunStats.AsNoTracking()
            .Where(s => runIds.Contains(s.RunId) && s.Level != StatLevel.Subset)
            .ToListAsync(cancellationToken);
        var statsByRun = stats.ToLookup(s => s.RunId);
        var measuredScenarios = columns.Where(c => c.Measured).Select(c => c.ScenarioId).ToHashSet();
        var repetitions = await MeasuredRepetitions.ReadAsync(db, chosen.Where(r => measuredScenarios.Contains(r.ScenarioId)).Select(r => r.Id).ToList(),
            cancellationToken);

        return chosen.GroupBy(r => r.ModelId).ToDictionary(g => g.Key, g =>
        {
            var values = new Dictionary<string, LeaderboardCell>();
            foreach (var run in g)
            {
                // A degenerate run (one answer to everything, looping generations) is flagged in every cell it fills.
                var flag = DegenerateBehaviour.Flag(statsByRun[run.Id].Where(s => s.Level == StatLevel.Overall).Select(s => (s.Metric, s.Mean, s.Count)));
                foreach (var column in columns.Where(c => c.ScenarioId == run.ScenarioId))
                    if (statsByRun[run.Id].FirstOrDefault(s => s.Metric == column.Metric && s.Level == column.Level && s.Key == column.Key) is { } s
                        && !double.IsNaN(s.Mean))
                    {
                        var reps = column.Measured ? repetitions.GetValueOrDefault(run.Id) : null;
                        values[column.Id] = new LeaderboardCell(s.Mean, s.CiLow, s.CiHigh, run.Id, run.SamplePerSubset, s.Count,
                            column.Measured ? run.Hardware : null, flag, reps?.SpreadOf(column.Metric), reps?.LoadAverage, reps?.LogicalCpus);
                    }
            }
            return (IReadOnlyDictionary<string, LeaderboardCell>)values;
        });
    }

    /// <summary>Published results for the group's scenarios (BLiMP's paper), shown apart and never ranked.</summary>
    public IReadOnlyList<Core.Scenarios.Blimp.PublishedResult> Published(string group) =>
        published.GetOrAdd(group, g => catalog.All.Where(s => s.Group == g && s.Id == KnownScenarios.Blimp)
            .SelectMany(s => Core.Scenarios.Blimp.BlimpPublishedResults.Load(s, catalog.Instances(s.Id)))
            .ToList());

    // The files do not change while the host runs.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<Core.Scenarios.Blimp.PublishedResult>> published = new();

    public async Task<IReadOnlyList<ActiveRun>> ActiveRunsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking()
            .Where(r => r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
            .OrderBy(r => r.Id)
            .Select(r => new ActiveRun(r.Id, r.ModelId, r.Model!.Name, r.ScenarioId, r.Status, r.Done, r.Total, r.StartedAt, r.SamplePerSubset))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Display names of the groups CONTRACTS.md defines; any other id is shown as words.</summary>
    public static string GroupLabel(string group) => group switch
    {
        KnownScenarios.BlimpGroup => "BLiMP",
        "hallucination" => "Hallucination",
        "fairness" => "Fairness & bias",
        KnownScenarios.EfficiencyGroup => "Efficiency",
        "summary" => "Summary",
        _ => Label(group),
    };

    public static string Label(string id)
    {
        if (id.Length == 0)
            return id;
        var words = id.Split('_').Select(w => w == "npi" ? "NPI" : w).ToArray();
        var text = string.Join(' ', words);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
