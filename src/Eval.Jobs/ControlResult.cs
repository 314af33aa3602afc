using Eval.Data.Entities;

namespace Eval.Jobs;

/// <summary>The outcome of a <see cref="RunControl"/> action, a message in words, and the runs it queued (evaluate, retry).</summary>
public sealed record ControlResult(ControlOutcome Outcome, string Message, IReadOnlyList<RunEntity>? Runs = null)
{
    public static ControlResult Done(string message, IReadOnlyList<RunEntity>? runs = null) => new(ControlOutcome.Done, message, runs);

    public static ControlResult NotFound(string message) => new(ControlOutcome.NotFound, message);

    public static ControlResult Conflict(string message) => new(ControlOutcome.Conflict, message);

    public static ControlResult Invalid(string message) => new(ControlOutcome.Invalid, message);
}
