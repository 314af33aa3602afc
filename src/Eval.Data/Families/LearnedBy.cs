namespace Eval.Data.Families;

/// <summary>
/// When a curve's phenomenon is learned. AboveChance: the first checkpoint whose 95% interval lies above chance
/// (its lower bound above 0.5 for BLiMP's two-way choice). WithinFinal: the first checkpoint whose accuracy lies
/// inside the last checkpoint's 95% interval. Null: no checkpoint (yet).
/// </summary>
public sealed record LearnedBy(LearningCurve Curve, CurvePoint? AboveChance, CurvePoint? WithinFinal)
{
    public const double BlimpChance = 0.5;

    public static LearnedBy Of(LearningCurve curve, double chance = BlimpChance)
    {
        var points = curve.Points;
        var final = points.Count > 0 ? points[^1] : null;
        return new LearnedBy(curve,
            points.FirstOrDefault(p => p.CiLow > chance),
            final is null ? null : points.FirstOrDefault(p => p.Value >= final.CiLow && p.Value <= final.CiHigh));
    }
}
