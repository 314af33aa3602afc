namespace Eval.Core.Scenarios;

/// <summary>The adapters a scenario.yaml may name, and the conventions each understands.</summary>
public static class KnownAdapters
{
    public const string MinimalPair = "minimal_pair";

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Conventions =
        new Dictionary<string, IReadOnlyList<string>>
        {
            [MinimalPair] = Adapters.MinimalPairConventions.All,
        };

    public static readonly IReadOnlySet<string> Metrics = new HashSet<string> { "accuracy" };

    public static readonly IReadOnlySet<string> DataFormats = new HashSet<string> { "jsonl" };
}
