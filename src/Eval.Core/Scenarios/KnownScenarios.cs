namespace Eval.Core.Scenarios;

/// <summary>
/// The scenario ids other layers name on purpose: BLiMP, the leading scenario (every model's first run, the
/// leaderboard's first group, its published results, the learning curves' phenomena), and efficiency, the measurement.
/// A layer above Core uses these instead of spelling the ids (IdLiteralTests).
/// </summary>
public static class KnownScenarios
{
    public const string Blimp = "blimp";
    public const string Efficiency = "efficiency";

    /// <summary>Scenario groups of the same name as their one scenario (CONTRACTS.md's group ids).</summary>
    public const string BlimpGroup = Blimp;
    public const string EfficiencyGroup = Efficiency;
}
