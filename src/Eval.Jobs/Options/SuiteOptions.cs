using System.ComponentModel.DataAnnotations;

namespace Eval.Jobs.Options;

/// <summary>Eval:Suites:Quick: the first-start sample, instances per subset (seeded; CONTRACTS.md).</summary>
public sealed class QuickSuiteOptions
{
    public const string Section = "Eval:Suites:Quick";

    [Range(1, int.MaxValue)]
    public int MaxInstancesPerSubset { get; set; } = 100;

    /// <summary>Masked LMs cost about a dozen forward passes per sentence (PLL), so their first-start sample is smaller.</summary>
    [Range(1, int.MaxValue)]
    public int MaskedMaxInstancesPerSubset { get; set; } = 20;

    public string[] Scenarios { get; set; } = ["blimp", "truthfulqa_mc", "halueval_qa", "crows_pairs", "bbq", "winogender", "winobias", "efficiency"];
}
