using Eval.Core.Scenarios;

namespace Eval.Core.Planning;

/// <summary>
/// The quick suite's seeded sample, instances per subset: the causal models', the smaller one for a masked LM (about a
/// dozen forward passes per sentence for PLL), and the cap for a scenario that generates (hundreds of forward passes
/// per instance). Eval:Suites:Quick (CONTRACTS.md).
/// </summary>
public sealed record QuickSample(int MaxInstancesPerSubset = 100, int MaskedMaxInstancesPerSubset = 20, int GenerationMaxInstancesPerSubset = 20)
{
    public int For(ScenarioDefinition scenario, bool masked)
    {
        var sample = masked ? MaskedMaxInstancesPerSubset : MaxInstancesPerSubset;
        return scenario.AdapterKind.CapsQuickSample ? Math.Min(sample, GenerationMaxInstancesPerSubset) : sample;
    }
}
