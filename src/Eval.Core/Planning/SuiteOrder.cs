using Eval.Core.Scenarios;

namespace Eval.Core.Planning;

/// <summary>
/// The order runs are queued in (first start and uploads alike): BLiMP first, so every model's leaderboard column
/// fills before anything slower, then the likelihood scenarios, then generation and the efficiency measurement last.
/// Eval:Suites:Quick:Scenarios may replace the list; scenarios outside it come after it, by id.
/// </summary>
public static class SuiteOrder
{
    public static IReadOnlyList<string> Default { get; } =
        [KnownScenarios.Blimp, "truthfulqa_mc", "halueval_qa", "crows_pairs", "bbq", "winogender", "winobias", "truthfulqa_gen", KnownScenarios.Efficiency];
}
