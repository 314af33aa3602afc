using Eval.Data.Entities;

namespace Eval.Data.Queries;

/// <summary>One instance of a run: its requests with the model's responses, and its stats.</summary>
public sealed record InstanceView(string InstanceId, string? Subset, IReadOnlyList<ResponseEntity> Responses, IReadOnlyDictionary<string, double> Stats);
