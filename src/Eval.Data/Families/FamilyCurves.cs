namespace Eval.Data.Families;

/// <summary>A family's checkpoints in order (Unit: CheckpointUnits) and every learning curve over them.</summary>
public sealed record FamilyCurves(string Family, string Unit, IReadOnlyList<FamilyCheckpoint> Checkpoints, IReadOnlyList<LearningCurve> Curves)
{
    public FamilyCheckpoint Latest => Checkpoints[^1];
}
