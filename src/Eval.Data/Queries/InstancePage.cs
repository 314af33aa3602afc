namespace Eval.Data.Queries;

public sealed record InstancePage(int Total, IReadOnlyList<InstanceView> Items);
