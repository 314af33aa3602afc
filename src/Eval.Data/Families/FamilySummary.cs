namespace Eval.Data.Families;

/// <summary>A family in the list: its unit, how many checkpoints, and the latest (largest position).</summary>
public sealed record FamilySummary(string Family, string Unit, int Checkpoints, FamilyCheckpoint Latest);
