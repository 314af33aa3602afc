namespace Eval.Jobs;

/// <summary>This process's <see cref="EvalHostRole"/>, for the services that act differently in a worker.</summary>
public sealed record HostRole(EvalHostRole Role);
