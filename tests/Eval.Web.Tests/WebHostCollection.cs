namespace Eval.Web.Tests;

/// <summary>Hangfire keeps static state (STACK.md pitfall 2): web hosts run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WebHostCollection
{
    public const string Name = "web-host";
}
