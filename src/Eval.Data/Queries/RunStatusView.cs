using Eval.Data.Entities;

namespace Eval.Data.Queries;

/// <summary>
/// A run as the upload pages and the models API show it: QueuePosition is 1 for the next run its queue will start
/// (null unless queued); Eta assumes the rate so far holds (null unless running with progress).
/// </summary>
public sealed record RunStatusView(RunEntity Run, int? QueuePosition, TimeSpan? Eta);
