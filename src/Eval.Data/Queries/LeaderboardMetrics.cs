namespace Eval.Data.Queries;

/// <summary>
/// Which of a group's metric columns are shown. Main: one column per scenario, its main metric (a group of one
/// scenario keeps its breakdown: BLiMP's phenomena, the efficiency figures), the page's default. All: every metric.
/// Computed columns (mean win rate, mean score) stay in both; they are computed over every metric either way.
/// </summary>
public enum LeaderboardMetrics
{
    All,
    Main,
}
