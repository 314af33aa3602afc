using Eval.Core.Scenarios;
using Eval.Core.Stats;
using Eval.Data.Families;
using Eval.Data.Queries;
using Eval.TestKit;

namespace Eval.Data.Tests;

/// <summary>Families read from stored models and runs: checkpoint order, curve points, "learned by", the leaderboard's latest-only view.</summary>
public sealed class FamilyQueryTests : IDisposable
{
    private readonly TestDatabase database = new();
    private readonly LeaderboardQuery leaderboard;
    private readonly FamilyQuery families;

    // Reading every scenario's instances takes seconds: once for the class (the catalog does not change).
    private static readonly Lazy<ScenarioCatalog> Catalog = new(() => new ScenarioCatalog(Repo.Scenarios));

    public FamilyQueryTests()
    {
        var catalog = Catalog.Value;
        leaderboard = new LeaderboardQuery(database.Factory(), catalog);
        families = new FamilyQuery(database.Factory(), leaderboard, catalog);
    }

    /// <summary>Stored out of order: the final checkpoint first. Island effects is learned at 10M and settles at 100M; ellipsis never beats chance.</summary>
    private async Task StoreRunAsync()
    {
        await StoredFamily.AddCheckpointAsync(database, "run-final", "run", 245_000_000, (0.74, 0.72, 0.76),
            new Dictionary<string, (double, double, double)> { ["island_effects"] = (0.74, 0.68, 0.80), ["ellipsis"] = (0.55, 0.49, 0.61) });
        await StoredFamily.AddCheckpointAsync(database, "run-1m", "run", 1_000_000, (0.52, 0.50, 0.54),
            new Dictionary<string, (double, double, double)> { ["island_effects"] = (0.52, 0.45, 0.59), ["ellipsis"] = (0.48, 0.42, 0.54) });
        await StoredFamily.AddCheckpointAsync(database, "run-100m", "run", 100_000_000, (0.70, 0.68, 0.72),
            new Dictionary<string, (double, double, double)> { ["island_effects"] = (0.71, 0.65, 0.77), ["ellipsis"] = (0.56, 0.50, 0.62) });
        await StoredFamily.AddCheckpointAsync(database, "run-10m", "run", 10_000_000, (0.61, 0.59, 0.63),
            new Dictionary<string, (double, double, double)> { ["island_effects"] = (0.60, 0.53, 0.67), ["ellipsis"] = (0.53, 0.47, 0.59) });
        await StoredFamily.AddCheckpointAsync(database, "solo", null, null, (0.66, 0.64, 0.68));
    }

    [Fact]
    public async Task Checkpoints_AreInPositionOrder_WhateverTheOrderTheyWereStored()
    {
        await StoreRunAsync();

        var family = (await families.GetAsync("run"))!;

        Assert.Equal(["run-1m", "run-10m", "run-100m", "run-final"], family.Checkpoints.Select(c => c.Model));
        Assert.Equal([1_000_000L, 10_000_000, 100_000_000, 245_000_000], family.Checkpoints.Select(c => c.Position));
        Assert.Equal("tokens", family.Unit);
        var summary = Assert.Single(await families.ListAsync());
        Assert.Equal(("run", 4, "run-final"), (summary.Family, summary.Checkpoints, summary.Latest.Model));
        Assert.Null(await families.GetAsync("solo"));
    }

    [Fact]
    public async Task Curves_HoldEachCheckpointsStoredValueAndInterval_InOrder()
    {
        await StoreRunAsync();

        var family = (await families.GetAsync("run"))!;

        var overall = family.Curves.Single(c => c.Group == "blimp" && c.ColumnId == StatLevel.Overall);
        Assert.True(overall.IsMain);
        Assert.Equal([(0.52, 0.50, 0.54), (0.61, 0.59, 0.63), (0.70, 0.68, 0.72), (0.74, 0.72, 0.76)],
            overall.Points.Select(p => (p.Value, p.CiLow, p.CiHigh)));
        var islands = family.Curves.Single(c => c.ColumnId == "island_effects");
        Assert.True(islands.IsPhenomenon);
        Assert.Equal([0.52, 0.60, 0.71, 0.74], islands.Points.Select(p => p.Value));
        Assert.All(family.Curves.SelectMany(c => c.Points), p => Assert.Equal(100, p.Sample));
    }

    [Fact]
    public async Task LearnedBy_IsTheFirstCheckpointAboveChance_AndTheFirstInsideTheFinalInterval()
    {
        await StoreRunAsync();
        var family = (await families.GetAsync("run"))!;

        var islands = LearnedBy.Of(family.Curves.Single(c => c.ColumnId == "island_effects"));
        var ellipsis = LearnedBy.Of(family.Curves.Single(c => c.ColumnId == "ellipsis"));

        // 10M: 0.53 is the first lower bound above 0.5; 100M: 0.71 is the first value inside the final [0.68, 0.80].
        Assert.Equal(("run-10m", "run-100m"), (islands.AboveChance?.Model, islands.WithinFinal?.Model));
        // Ellipsis: no lower bound above 0.5; 10M's 0.53 is already inside the final [0.49, 0.61].
        Assert.Null(ellipsis.AboveChance);
        Assert.Equal("run-10m", ellipsis.WithinFinal?.Model);
    }

    [Fact]
    public async Task LatestCheckpointsFilter_KeepsEachFamilysLatest_AndEveryModelWithoutAFamily()
    {
        await StoreRunAsync();
        var table = (await leaderboard.GetAsync("blimp"))!;

        var shown = new LeaderboardFilter(LatestCheckpoints: true).Apply(table).Rows.Select(r => r.Model).Order();

        Assert.Equal(["run-final", "solo"], shown);
        Assert.Equal(5, new LeaderboardFilter().Apply(table).Rows.Count);
    }

    [Fact]
    public async Task Compare_GivesEachFamilysOverallCurve()
    {
        await StoreRunAsync();
        await StoredFamily.AddCheckpointAsync(database, "other-1", "other", 500, (0.55, 0.53, 0.57), unit: "step");
        await StoredFamily.AddCheckpointAsync(database, "other-2", "other", 5000, (0.65, 0.63, 0.67), unit: "step");

        var compared = await families.CompareAsync();

        Assert.Equal(["other", "run"], compared.Select(c => c.Family.Family));
        Assert.Equal("step", compared[0].Family.Unit);
        Assert.Equal([0.55, 0.65], compared[0].Curve.Points.Select(p => p.Value));
        Assert.Equal(4, compared[1].Curve.Points.Count);
    }

    public void Dispose() => database.Dispose();
}
