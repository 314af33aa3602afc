using Eval.Core.Scenarios;
using Eval.Data.Queries;
using Eval.TestKit;

namespace Eval.Data.Tests;

/// <summary>
/// The leaderboard's default view: one column per scenario (its main metric) where a group has several scenarios;
/// a group of one scenario keeps its breakdown (BLiMP's phenomena, the efficiency figures).
/// </summary>
public sealed class LeaderboardMainViewTests
{
    private static readonly ScenarioCatalog Catalog = new(Repo.Scenarios);

    [Theory]
    [InlineData("hallucination", "halueval_qa.accuracy,truthfulqa_gen.bleu_acc,truthfulqa_mc.mc2,mean_win_rate")]
    [InlineData("fairness", "bbq.accuracy,crows_pairs.pct_stereotype,winobias.accuracy,winogender.accuracy,mean_win_rate")]
    public async Task MainView_ShowsEachScenariosMainMetric_AndTheWinRate(string group, string expected)
    {
        using var database = new TestDatabase();
        var table = (await new LeaderboardQuery(database.Factory(), Catalog).GetAsync(group))!;

        var main = table.Showing(LeaderboardMetrics.Main);

        Assert.Equal(expected, string.Join(',', main.Columns.Select(c => c.Id)));
        Assert.True(table.Columns.Count > main.Columns.Count);
        Assert.Same(table, table.Showing(LeaderboardMetrics.All));
    }

    [Theory]
    [InlineData("blimp", 14)]
    [InlineData("efficiency", 10)]
    public async Task MainView_OfAGroupOfOneScenario_KeepsEveryColumn(string group, int columns)
    {
        using var database = new TestDatabase();
        var table = (await new LeaderboardQuery(database.Factory(), Catalog).GetAsync(group))!;

        Assert.Equal(columns, table.Showing(LeaderboardMetrics.Main).Columns.Count);
    }
}
