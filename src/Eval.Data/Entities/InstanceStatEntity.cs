namespace Eval.Data.Entities;

public sealed class InstanceStatEntity
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public required string InstanceId { get; set; }
    public string? Subset { get; set; }
    public string? SubsetGroup { get; set; }
    public required string Metric { get; set; }
    public double Value { get; set; }
}
