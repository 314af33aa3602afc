using Eval.Data.Entities;

namespace Eval.Data.Queries;

/// <summary>A run with its model and every stat (overall, subset groups, subsets).</summary>
public sealed record RunDetail(RunEntity Run, ModelEntity Model, IReadOnlyList<RunStatEntity> Stats);
