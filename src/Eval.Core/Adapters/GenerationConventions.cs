namespace Eval.Core.Adapters;

/// <summary>How a generation adapter decodes: greedy only (temperature 0, as lm-evaluation-harness's truthfulqa_gen).</summary>
public static class GenerationConventions
{
    public const string Greedy = "greedy";

    public static readonly IReadOnlyList<string> All = [Greedy];
}
