namespace Eval.Data.Families;

/// <summary>A model of a family at its checkpoint position (in the family's unit).</summary>
public sealed record FamilyCheckpoint(long ModelId, string Model, long Position, string Status);
