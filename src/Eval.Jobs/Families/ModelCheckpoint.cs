namespace Eval.Jobs.Families;

/// <summary>A model's place in a training run: the family (the run) and its position in Unit (CheckpointUnits).</summary>
public sealed record ModelCheckpoint(string Family, string Unit, long Position);
