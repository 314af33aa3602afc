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
    /// Generation scenarios decode up to their max_tokens per instance (hundreds of forward passes where a likelihood
    /// scenario needs one), so their quick sample is capped lower: the first start stays minutes on two cores.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int GenerationMaxInstancesPerSubset { get; set; } = 20;

    /// <summary>
    /// The first start's scenarios. Empty here so that configuration replaces the list instead of adding to it (the
    /// binder appends to an array's initial items); <see cref="ScenarioIds"/> applies the default.
    /// </summary>
    public string[] Scenarios { get; set; } = [];

    /// <summary>The planner's queue order (Eval.Core.Planning.SuiteOrder): BLiMP first, generation and efficiency last.</summary>
    public static readonly string[] DefaultScenarios = [.. Eval.Core.Planning.SuiteOrder.Default];

    /// <summary>The configured scenarios, each once, in order; the default list when none is configured.</summary>
    public string[] ScenarioIds()
    {
        var ids = Scenarios.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct().ToArray();
        return ids.Length > 0 ? ids : DefaultScenarios;
    }

    /// <summary>The three samples as the planner reads them (its QuickSample.For decides which applies).</summary>
    public Eval.Core.Planning.QuickSample ToSample() => new(MaxInstancesPerSubset, MaskedMaxInstancesPerSubset, GenerationMaxInstancesPerSubset);
}
