namespace Eval.Core.Models;

/// <summary>Variant: how a masked LM scores the text; causal models ignore it (see <see cref="ScoringVariant"/>).</summary>
public sealed record LogLikelihoodRequest(string Context, string Continuation, ScoringVariant Variant = ScoringVariant.Default);
