namespace Eval.Data.Entities;

/// <summary>One request of a run and the model's response to it: the raw material behind every number.</summary>
public sealed class ResponseEntity
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public required string InstanceId { get; set; }
    public string? Subset { get; set; }
    public int RequestIndex { get; set; }
    public required string Prompt { get; set; }
    public required string Continuation { get; set; }
    public double LogProb { get; set; }
    public int TokenCount { get; set; }
    public bool IsGreedy { get; set; }
}
