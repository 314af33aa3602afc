namespace Eval.Core.Scenarios;

/// <summary>
/// How a generation scenario asks for completions (scenario.yaml's generation): greedy decoding of at most MaxTokens
/// tokens, cut before the first of the stop sequences. The default is lm-evaluation-harness's generate_until default:
/// 256 tokens, stop at a blank line.
/// </summary>
public sealed record GenerationSpec(int MaxTokens, IReadOnlyList<string> Stop)
{
    public static GenerationSpec Default { get; } = new(256, ["\n\n"]);
}
