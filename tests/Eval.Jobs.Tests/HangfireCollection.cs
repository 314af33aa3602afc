namespace Eval.Jobs.Tests;

/// <summary>Hangfire keeps static state (STACK.md pitfall 2): host tests run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireCollection
{
    public const string Name = "hangfire";
}
