namespace Eval.Core.Efficiency;

/// <summary>
/// What the efficiency scenario measures (scenario.yaml's efficiency section): synthetic prompts of each length (in
/// tokens; capped per model so that prompt + generated tokens fit its context), greedy generation of GeneratedTokens
/// tokens with eos ignored, Repeats recorded generations per length after a warm-up: rounds of one unrecorded
/// generation per length, at least Warmup rounds and for at least WarmupSeconds (so that .NET's tiered JIT has
/// compiled the decoding loop's hot code before anything is timed). Seed picks the prompts' token ids.
/// </summary>
public sealed record EfficiencySpec(IReadOnlyList<int> PromptLengths, int GeneratedTokens, int Warmup, int Repeats, int Seed,
    double WarmupSeconds = 0);
