namespace Eval.Jobs;

/// <summary>How a cancel, retry, evaluate or delete went: done, no such model or run, not possible in its state, or bad input.</summary>
public enum ControlOutcome
{
    Done,
    NotFound,
    Conflict,
    Invalid,
}
