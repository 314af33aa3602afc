namespace Eval.Core.Planning;

/// <summary>
/// What is asked of a scenario: the quick suite (its seeded sample for the model's kind and the scenario), the full
/// suite (every instance), or an exact spec (the command line, a retry, a reproduction): a convention or the model's
/// default (null), a sample per subset or every instance (null), a seed.
/// </summary>
public sealed record RunRequest(bool QuickSuite, string? Convention, int? SamplePerSubset, int Seed)
{
    public static RunRequest Quick { get; } = new(true, null, null, 0);

    public static RunRequest Full { get; } = new(false, null, null, 0);

    public static RunRequest Exactly(string? convention, int? samplePerSubset, int seed) => new(false, convention, samplePerSubset, seed);

    /// <summary>The quick suite, or the full one (Eval.Jobs' suite names quick and full).</summary>
    public static RunRequest ForSuite(bool quick) => quick ? Quick : Full;
}
