namespace Eval.Data.Entities;

/// <summary>A metric over the run, a subset or a subset group (Level), with its bootstrap 95% interval.</summary>
public sealed class RunStatEntity
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public required string Metric { get; set; }
    public required string Level { get; set; }
    public required string Key { get; set; }
    public int Count { get; set; }
    public double Sum { get; set; }
    public double SumSquares { get; set; }
    public double Min { get; set; }
    public double Max { get; set; }
    public double Mean { get; set; }
    public double CiLow { get; set; }
    public double CiHigh { get; set; }
}
