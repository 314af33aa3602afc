namespace Eval.Data.Queries;

/// <summary>
/// The runs queued since the oldest one still waiting or going: how many are done (finished, failed or cancelled) of
/// all of them, and a rough time to the end (the pace so far, running runs counted by their share done).
/// </summary>
public sealed record SuiteProgress(int Done, int Total, TimeSpan? Remaining);
