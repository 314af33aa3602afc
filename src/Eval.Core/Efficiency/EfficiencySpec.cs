namespace Eval.Core.Efficiency;

/// <summary>
/// What the efficiency scenario measures (scenario.yaml's efficiency section): synthetic prompts of each length (in
/// tokens; capped per model so that prompt + generated tokens fit its context), greedy generation of GeneratedTokens
/// tokens with eos ignored, Warmup unrecorded generations per length before Repeats recorded ones. Seed picks the
/// prompts' token ids.
/// </summary>
public sealed record EfficiencySpec(IReadOnlyList<int> PromptLengths, int GeneratedTokens, int Warmup, int Repeats, int Seed);
