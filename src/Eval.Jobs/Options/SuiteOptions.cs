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

    /// <summary>
    /// The first start's scenarios. Empty here so that configuration replaces the list instead of adding to it (the
    /// binder appends to an array's initial items); <see cref="ScenarioIds"/> applies the default.
    /// </summary>
    public string[] Scenarios { get; set; } = [];

    public static readonly string[] DefaultScenarios = ["blimp", "truthfulqa_mc", "halueval_qa", "crows_pairs", "bbq", "winogender", "winobias"];

    /// <summary>The configured scenarios, each once, in order; the default list when none is configured.</summary>
    public string[] ScenarioIds()
    {
        var ids = Scenarios.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct().ToArray();
        return ids.Length > 0 ? ids : DefaultScenarios;
    }
}
