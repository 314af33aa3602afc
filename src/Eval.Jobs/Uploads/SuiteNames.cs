namespace Eval.Jobs.Uploads;

/// <summary>The suites a model can be evaluated on: quick (the seeded sample of Eval:Suites:Quick) or full (all instances).</summary>
public static class SuiteNames
{
    public const string Quick = "quick";
    public const string Full = "full";

    public static bool IsKnown(string? suite) => suite is Quick or Full;
}
