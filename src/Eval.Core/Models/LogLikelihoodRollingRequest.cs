namespace Eval.Core.Models;

/// <summary>The log-probability of a whole text (language modelling: perplexity, bits per byte).</summary>
public sealed record LogLikelihoodRollingRequest(string Text);
