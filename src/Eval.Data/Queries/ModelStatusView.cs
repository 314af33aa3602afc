using Eval.Data.Entities;

namespace Eval.Data.Queries;

/// <summary>A model with its status, error and every run's progress, queue position and ETA.</summary>
public sealed record ModelStatusView(ModelEntity Model, IReadOnlyList<RunStatusView> Runs);
