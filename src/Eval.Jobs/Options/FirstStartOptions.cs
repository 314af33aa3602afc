namespace Eval.Jobs.Options;

/// <summary>Eval:FirstStart: register the reference models at start, and whether to evaluate them (the quick suite).</summary>
public sealed class FirstStartOptions
{
    public const string Section = "Eval:FirstStart";

    public bool RegisterReferenceModels { get; set; } = true;

    public bool EvaluateReferenceModels { get; set; } = true;
}
