namespace Eval.Data.Families;

/// <summary>One checkpoint's value on a learning curve, with its 95% bootstrap interval and the run behind it.</summary>
public sealed record CurvePoint(long ModelId, string Model, long Position, double Value, double CiLow, double CiHigh, long? RunId, int? Sample, int Count);
