namespace Eval.Core.Scenarios;

/// <summary>
/// Text put before every instance's input (a fixed few-shot primer or an instruction, verbatim: no templating) and
/// the string between the context and each choice (lm-evaluation-harness's target_delimiter, " " by default).
/// </summary>
public sealed record PromptSpec(string Preamble, string TargetDelimiter)
{
    public const string DefaultTargetDelimiter = " ";

    public static PromptSpec None { get; } = new("", DefaultTargetDelimiter);
}
