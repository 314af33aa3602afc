using Eval.Data.Entities;

namespace Eval.Data.Queries;

/// <summary>A model with all its runs, each with its run-level and subset-group stats.</summary>
public sealed record ModelDetail(ModelEntity Model, IReadOnlyList<RunEntity> Runs, ILookup<long, RunStatEntity> Stats);
